//! k8s-openapi's `Time` and `MicroTime` through the jiff stand-in in `patches/jiff`:
//! the wire format Kubernetes expects, both ways.
#![cfg(not(target_arch = "wasm32"))]

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta, Time};
use k8s_openapi::jiff::Timestamp;

fn at(second: i64, nanosecond: i32) -> Timestamp {
    Timestamp::new(second, nanosecond).expect("in range")
}

#[test]
fn time_serializes_as_rfc3339_seconds() {
    let t = Time(at(1_721_060_699, 987_654_321));
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#""2024-07-15T16:24:59Z""#
    );
}

#[test]
fn micro_time_serializes_with_six_fraction_digits() {
    let t = MicroTime(at(1_721_060_699, 5_000));
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#""2024-07-15T16:24:59.000005Z""#
    );
}

#[test]
fn object_meta_timestamps_round_trip() {
    let meta = ObjectMeta {
        creation_timestamp: Some(Time(at(0, 0))),
        ..Default::default()
    };
    let json = serde_json::to_string(&meta).unwrap();
    assert_eq!(json, r#"{"creationTimestamp":"1970-01-01T00:00:00Z"}"#);
    let back: ObjectMeta = serde_json::from_str(&json).unwrap();
    assert_eq!(back, meta);
}

#[test]
fn bad_timestamps_are_errors_that_say_what_was_expected() {
    let err = serde_json::from_str::<Time>(r#""2024-13-01T00:00:00Z""#).unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
    let err = serde_json::from_str::<Time>(r#""yesterday""#).unwrap_err();
    assert!(
        err.to_string().contains("expected an RFC 3339 timestamp"),
        "{err}"
    );
}
