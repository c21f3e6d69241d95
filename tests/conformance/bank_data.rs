//! Conformance cases for bank_data: the same cases against mapped, REST and Kafka.
