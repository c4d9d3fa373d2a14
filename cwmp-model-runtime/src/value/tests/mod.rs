//! Unit tests of the value layer, one file per part.

mod binary;
mod check;
mod corpus;
mod datetime;
mod decimal;
mod pattern;
mod round_trip;
mod scalar;
