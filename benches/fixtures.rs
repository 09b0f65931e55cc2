//! Deterministic persona texts for the benches: a typical 10 KB agent and a 5 MB one (same
//! front matter, a very long body).

pub const FRONT_MATTER: &str = "---\nname: backend-architect\ndescription: Senior backend architect who designs scalable APIs, data models and service boundaries. Use proactively for new services, schema changes and performance reviews.\ntools: Read, Grep, Glob, Bash, Edit, Write, WebFetch\nmodel: sonnet\ncolor: blue\neffort: medium\npermissionMode: default\nmaxTurns: 40\nskills:\n  - api-design\n  - postgres\n---\n";

const SECTION: &str = "## Core mission\n\nDesign APIs and schemas that stay simple as the product grows. Choose boring, proven infrastructure unless the numbers say otherwise, and write down every decision with its trade-offs.\n\n- Never ship an endpoint without authentication and rate limits.\n- Every schema change has a migration and a rollback.\n- Measure before optimising: p50, p99, and the cost per request.\n\n```sql\nCREATE TABLE orders (id bigserial primary key, customer_id bigint not null, total_cents bigint not null);\n```\n\n";

/// A persona of about `size` bytes.
pub fn persona(size: usize) -> String {
    let mut s = String::from(FRONT_MATTER);
    s.push_str("\n# Backend Architect\n\n");
    while s.len() < size {
        s.push_str(SECTION);
    }
    s
}
