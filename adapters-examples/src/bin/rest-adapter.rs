//! Runs the example REST adapter: `rest-adapter --listen 127.0.0.1:PORT`.

use obp_adapters_examples::core::CoreBank;
use obp_adapters_examples::rest;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let listen = args
        .iter()
        .position(|a| a == "--listen")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:8088".to_owned());
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    eprintln!(
        "example REST adapter listening on http://{}",
        listener.local_addr()?
    );
    rest::serve(listener, std::sync::Arc::new(CoreBank::demo())).await;
    Ok(())
}
