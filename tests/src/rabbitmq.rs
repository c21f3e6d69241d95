//! The RabbitMQ broker the tests use: `OBP_TEST_RABBITMQ_URI`, else the machine's broker on
//! `127.0.0.1:5672` as guest (`.ci/run` starts Debian's `rabbitmq-server` when it is not
//! running). Tests share the broker and keep apart by using a request queue of their own.

/// The broker's `amqp://` URI.
pub fn uri() -> String {
    std::env::var("OBP_TEST_RABBITMQ_URI")
        .unwrap_or_else(|_| "amqp://guest:guest@127.0.0.1:5672/%2f".to_owned())
}
