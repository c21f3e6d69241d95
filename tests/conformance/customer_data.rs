//! Conformance cases for customer_data: the same cases against mapped, REST and Kafka.
