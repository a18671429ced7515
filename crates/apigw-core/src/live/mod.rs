//! The live machines: loading a live API into a design ([`Loader`], [`LiveApi`]), the diff
//! from it to a design ([`diff`], with patch operations from [`patch`]), and the deploy that
//! runs the calls ([`deploy`]), with what a deploy will do said once for every shell
//! ([`review`]). All are state machines that say which request to send and are
//! told what came back, through the contract in [`exchange`]; the callers do the IO.

pub mod deploy;
pub mod diff;
pub mod exchange;
mod load;
pub mod patch;
pub mod review;
pub mod test_invoke;

pub use load::{LiveApi, Loader};
