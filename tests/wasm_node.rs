//! wasm-bindgen tests of every export, run in Node (the default environment).
#![cfg(target_arch = "wasm32")]

mod wasm_common;
