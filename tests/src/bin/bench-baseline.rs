//! A trivial actix-web server: one handler answering a small constant JSON body. The HTTP
//! benchmarks measure it in the same run as `obp-server` to give a machine-independent ratio.
//!
//! Usage: `bench-baseline ADDR WORKERS` (prints `listening on ADDR` on stderr).

use actix_web::{get, App, HttpResponse, HttpServer};

#[get("/")]
async fn index() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(r#"{"banks":[]}"#)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let workers: usize = args.next().and_then(|w| w.parse().ok()).unwrap_or(2);
    let server = HttpServer::new(|| App::new().service(index))
        .workers(workers)
        .bind(&addr)?;
    for a in server.addrs() {
        eprintln!("listening on {a}");
    }
    server.run().await
}
