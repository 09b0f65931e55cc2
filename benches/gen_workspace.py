#!/usr/bin/env python3
"""Writes a deterministic generated workspace for the workspace-index benchmarks (issue 11).

    python3 benches/gen_workspace.py DIR N [SEED]

About N persona files: N/3 Claude agents (three `skills:` each, 5% of them unresolved, and an
`Agent(x)` tool argument), N/3 skills with `references/` links, the rest VS Code agents
(`.github/agents/*.agent.md`) with `agent:` handoffs; 1% of the agents repeat another agent's
name, and two plugins hold a share of the agents and skills.
"""

import os
import random
import sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
    third = n // 3
    skills = [f"skill-{i}" for i in range(third)]
    agents = [f"agent-{i}" for i in range(third)]
    plugins = [os.path.join(root, "plugins", p) for p in ("alpha", "beta")]
    for p in plugins:
        write(os.path.join(p, ".claude-plugin", "plugin.json"), '{"name": "%s"}\n' % os.path.basename(p))

    def base_for(i):
        # every 20th file lives in one of the two plugins
        return plugins[(i // 20) % 2] if i % 20 == 0 else os.path.join(root, ".claude")

    for i, s in enumerate(skills):
        body = f"# {s}\n\nSee [the guide](references/guide.md) and [the API](references/api.md).\n"
        base = base_for(i)
        write(os.path.join(base, "skills", s, "SKILL.md"),
              f"---\nname: {s}\ndescription: Review and apply {s} conventions when editing code.\n---\n{body}")
        write(os.path.join(base, "skills", s, "references", "guide.md"), f"# Guide for {s}\n")

    for i, a in enumerate(agents):
        picked = []
        for _ in range(3):
            picked.append(f"missing-{rng.randrange(10**6)}" if rng.random() < 0.05 else rng.choice(skills))
        name = agents[i - 1] if i > 0 and rng.random() < 0.01 else a
        other = rng.choice(agents)
        text = (f"---\nname: {name}\ndescription: Reviews {a} changes for correctness and style.\n"
                f"tools: Read, Grep, Agent({other})\nskills:\n" + "".join(f"  - {s}\n" for s in picked) +
                f"---\n# {a}\n\nYou review code.\n")
        write(os.path.join(base_for(i), "agents", f"{a}.md"), text)

    for i in range(n - 2 * third):
        target = f"vsc-{rng.randrange(max(1, n - 2 * third))}"
        text = (f"---\nname: vsc-{i}\ndescription: Plans and reviews work item {i}.\n"
                f"handoffs:\n  - label: Hand off\n    agent: {target}\n    prompt: Continue.\n"
                f"---\n# vsc-{i}\n\nPlan the work.\n")
        write(os.path.join(root, ".github", "agents", f"vsc-{i}.agent.md"), text)
        if i % 10 == 0:
            write(os.path.join(root, ".github", "prompts", f"p-{i}.prompt.md"),
                  f"---\nagent: vsc-{i}\ndescription: Run vsc-{i}.\n---\nDo it.\n")


if __name__ == "__main__":
    main()
