use obp_migrations::{Migrator, MigratorTrait};
use obp_tests::TestApp;

#[tokio::test]
async fn migrations_roll_back_and_reapply_cleanly() {
    let app = TestApp::spawn().await;
    let db = app.state.store.raw_connection();
    assert!(Migrator::get_pending_migrations(db)
        .await
        .unwrap()
        .is_empty());
    Migrator::down(db, None).await.unwrap();
    let pending = Migrator::get_pending_migrations(db).await.unwrap();
    assert_eq!(pending.len(), Migrator::migrations().len());
    Migrator::up(db, None).await.unwrap();
    assert!(Migrator::get_pending_migrations(db)
        .await
        .unwrap()
        .is_empty());
    // The schema works after the round trip.
    app.insert_bank("after.roundtrip", "AR", "After Roundtrip")
        .await;
    let res = app.get("/obp/v5.1.0/banks/after.roundtrip").await;
    res.assert_status(200);
}
