//! Login throttling's counters: the check and the count of an attempt in one
//! transaction that holds each key's row lock (PostgreSQL: the row, across
//! servers; SQLite: the one writer), so parallel attempts queue and each sees
//! the ones before it. The rule itself is `access::throttle`.

use crate::{
    codec::{self, get},
    connect::Store,
    error::Result,
};
use jiff::Timestamp;
use opcentrum_access::throttle::{Counter, Throttle, Verdict};

impl Store {
    /// Counts one attempt against every key (`(key, rule)`, e.g. the user name
    /// and the client address). `None`: counted, go on and check the password;
    /// `Some(until)`: refused, nothing counted.
    pub async fn throttle_attempt(
        &self,
        keys: &[(String, Throttle)],
        now: Timestamp,
    ) -> Result<Option<Timestamp>> {
        let mut sorted: Vec<&(String, Throttle)> = keys.iter().collect();
        // One lock order for every transaction: no deadlock between two attempts.
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tx = self.write.begin().await?;
        let mut next = Vec::with_capacity(sorted.len());
        let mut locked: Option<Timestamp> = None;
        for (key, rule) in sorted {
            sqlx::query("INSERT INTO login_throttle (throttle_key, attempts, window_start, locked_until) VALUES ($1, 0, $2, NULL) ON CONFLICT (throttle_key) DO NOTHING")
                .bind(key.clone())
                .bind(codec::ts(now))
                .execute(&mut *tx)
                .await?;
            // Takes the row lock until commit.
            sqlx::query("UPDATE login_throttle SET attempts = attempts WHERE throttle_key = $1")
                .bind(key.clone())
                .execute(&mut *tx)
                .await?;
            let row = sqlx::query("SELECT attempts, window_start, locked_until FROM login_throttle WHERE throttle_key = $1")
                .bind(key.clone())
                .fetch_one(&mut *tx)
                .await?;
            let attempts = codec::u64_of(get::<i64>(&row, "attempts")?);
            let counter = (attempts > 0 || get::<Option<i64>>(&row, "locked_until")?.is_some())
                .then(|| -> Result<Counter> {
                    Ok(Counter {
                        attempts,
                        window_start: codec::from_ts(get(&row, "window_start")?)?,
                        locked_until: get::<Option<i64>>(&row, "locked_until")?
                            .map(codec::from_ts)
                            .transpose()?,
                    })
                })
                .transpose()?;
            let (c, verdict) = rule.attempt(counter, now);
            if let Verdict::Locked(until) = verdict {
                locked = Some(locked.map_or(until, |l| l.max(until)));
            }
            next.push((key.clone(), c, verdict));
        }
        for (key, c, verdict) in next {
            // A refused attempt counts nowhere, but a lock it set is kept.
            if locked.is_some() && verdict == Verdict::Allowed {
                continue;
            }
            sqlx::query("UPDATE login_throttle SET attempts = $1, window_start = $2, locked_until = $3 WHERE throttle_key = $4")
                .bind(codec::i64_of(c.attempts))
                .bind(codec::ts(c.window_start))
                .bind(c.locked_until.map(codec::ts))
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(locked)
    }

    /// After a successful login: the user name's counter starts again, and the
    /// address gets its attempt back (many users share an office's address).
    pub async fn throttle_success(&self, user_key: &str, address_key: Option<&str>) -> Result<()> {
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
            .bind(user_key.to_owned())
            .execute(&mut *tx)
            .await?;
        if let Some(a) = address_key {
            sqlx::query("UPDATE login_throttle SET attempts = attempts - 1 WHERE throttle_key = $1 AND attempts > 0 AND locked_until IS NULL")
                .bind(a.to_owned())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
