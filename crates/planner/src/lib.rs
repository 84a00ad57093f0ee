//! opcentrum-planner
