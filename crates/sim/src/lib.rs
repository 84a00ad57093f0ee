//! opcentrum-sim
