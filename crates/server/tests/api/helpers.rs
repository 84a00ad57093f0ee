use jiff::Timestamp;
use opcentrum_access::{Role, password::hash_password};
use opcentrum_domain::{Agency, ids::UserName};
use opcentrum_server::{Application, Clock, Settings, auth::token_hash};
use opcentrum_store::{Store, UserRecord, testing::TestDb};
use serde_json::Value;
use std::sync::{Arc, Mutex};

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub store: Store,
    pub db: TestDb,
    pub now: Arc<Mutex<Timestamp>>,
}

pub const NOW: &str = "2026-12-08T09:00:00Z";

/// The key every test app seals its audit records with.
pub fn keyring() -> opcentrum_access::seal::Keyring {
    opcentrum_access::seal::Keyring::new(vec![
        opcentrum_access::seal::SealKey::new("api-test", vec![9; 32]).expect("key"),
    ])
}
pub const PASSWORD: &str = "correct horse battery staple";

pub fn user_name(agency: Agency, role: Role) -> String {
    format!("{}.{}", agency.code(), role.code())
}

pub fn token(agency: Agency, role: Role) -> String {
    format!("token-{}-{}", agency.code(), role.code())
}

impl TestApp {
    /// Starts the application on port 0 over a fresh database, with a settable
    /// clock at `NOW` and one user (with a token) per agency and role. Users
    /// get the password `PASSWORD` when `passwords` is set (argon2 is slow in debug builds).
    pub async fn spawn_with(db: TestDb, passwords: &[(Agency, Role)]) -> TestApp {
        let store = db
            .store()
            .await
            .expect("store")
            .with_audit_key(keyring().active().cloned());
        let start: Timestamp = NOW.parse().expect("time");
        let hash = if passwords.is_empty() {
            None
        } else {
            Some(hash_password(PASSWORD).expect("hash"))
        };
        for agency in Agency::ALL {
            for role in Role::ALL {
                let name = UserName::parse(user_name(agency, role)).expect("name");
                let pw = passwords
                    .contains(&(agency, role))
                    .then(|| hash.clone())
                    .flatten();
                store
                    .put_user(
                        &UserRecord {
                            user_name: name.clone(),
                            display_name: name.to_string(),
                            agency,
                            role: role.code().into(),
                            password_hash: pw,
                            disabled: false,
                            kind: opcentrum_store::AccountKind::Person,
                            epoch: 0,
                        },
                        start,
                        None,
                    )
                    .await
                    .expect("user");
                store
                    .put_token(
                        &token_hash(&token(agency, role)),
                        &name,
                        "test",
                        start,
                        None,
                        None,
                    )
                    .await
                    .expect("token");
            }
        }
        let now = Arc::new(Mutex::new(start));
        let clock_now = now.clone();
        let clock = Clock::from_fn(move || *clock_now.lock().expect("clock"));
        let app = Application::build(
            store.clone(),
            clock,
            Settings::local("127.0.0.1:0".parse().expect("addr")),
        )
        .await
        .expect("bind");
        let base = format!("http://{}", app.local_addr().expect("addr"));
        tokio::spawn(app.run_until_stopped());
        TestApp {
            base,
            client: reqwest::Client::new(),
            store,
            db,
            now,
        }
    }

    pub async fn spawn(db: TestDb) -> TestApp {
        TestApp::spawn_with(db, &[]).await
    }

    pub async fn sqlite() -> TestApp {
        TestApp::spawn(TestDb::sqlite().expect("sqlite")).await
    }

    pub fn advance(&self, d: jiff::SignedDuration) {
        let mut now = self.now.lock().expect("clock");
        *now = now.checked_add(d).expect("time");
    }

    pub fn get_as(&self, agency: Agency, role: Role, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(token(agency, role))
    }

    pub fn post_as(
        &self,
        agency: Agency,
        role: Role,
        path: &str,
        body: &Value,
    ) -> reqwest::RequestBuilder {
        self.client
            .post(format!("{}{path}", self.base))
            .bearer_auth(token(agency, role))
            .json(body)
    }

    /// As the agency's case officer.
    pub fn get(&self, agency: Agency, path: &str) -> reqwest::RequestBuilder {
        self.get_as(agency, Role::CaseOfficer, path)
    }

    pub fn post(&self, agency: Agency, path: &str, body: &Value) -> reqwest::RequestBuilder {
        self.post_as(agency, Role::CaseOfficer, path, body)
    }

    pub async fn cleanup(self) {
        self.store.close().await;
        self.db.cleanup().await;
    }
}

pub fn registration(id: &str) -> Value {
    serde_json::json!({
        "case_id": id,
        "person": {
            "id": format!("P-{id}"), "given_name": "Testa", "family_name": "Testsson",
            "birth_date": "1990-01-01", "sex": "F", "citizenship": "IQ", "dossier_number": "9-000001"
        },
        "decision": {
            "kind": "refusal_of_entry", "decided_by": "migrationsverket",
            "decided_on": "2026-10-30", "notified_on": "2026-10-30", "final_on": null
        },
        "destination": "IQ",
        "family": null
    })
}

pub async fn json(resp: reqwest::Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    let body = resp.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

/// The status of a category in a filtered case: "visible" or "withheld".
pub fn status_of(case: &Value, category: &str) -> String {
    case["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["category"] == category))
        .map(|x| x["status"].as_str().unwrap_or("").to_owned())
        .unwrap_or_default()
}

pub fn value_of<'a>(case: &'a Value, category: &str) -> &'a Value {
    case["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["category"] == category))
        .map(|x| &x["value"])
        .unwrap_or(&Value::Null)
}

/// Logs in through the API; returns the session cookie and CSRF token.
pub async fn login(app: &TestApp, user: &str, password: &str) -> (u16, String, String) {
    let resp = app
        .client
        .post(format!("{}/api/login", app.base))
        .json(&serde_json::json!({"user": user, "password": password}))
        .send()
        .await
        .expect("login");
    let status = resp.status().as_u16();
    let cookie = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .to_owned();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    let csrf = body["csrf_token"].as_str().unwrap_or("").to_owned();
    (status, cookie, csrf)
}

/// `GET path` as `who`, its status and JSON body.
pub async fn get_json(app: &TestApp, who: (Agency, Role), path: &str) -> (u16, Value) {
    json(app.get_as(who.0, who.1, path).send().await.unwrap()).await
}

/// The page at `path` as `who`, which must answer 200.
pub async fn page_ok(app: &TestApp, who: (Agency, Role), path: &str) -> String {
    let r = app
        .get_as(who.0, who.1, path)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}
