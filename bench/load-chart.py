#!/usr/bin/env python3
"""p99 latency against load, from bench/load.sh's JSON reports: an SVG chart and a Markdown table.

Usage: python3 bench/load-chart.py [--svg docs/load-p99.svg] target/load/series/*.json
One line per series (the report's options.label, e.g. h2 or postgres); x is the message rate achieved in
the measured window, y the p99 (solid) and p50 (dotted) of customer message -> bot reply on a log scale,
with the 100 ms line that marks the knee. The table goes to standard output. Standard library only.
"""
import json
import math
import sys
from collections import defaultdict
from xml.sax.saxutils import escape

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 64, 130, 40, 52
KNEE_MS = 100


def load(paths):
    series = defaultdict(list)
    for path in paths:
        with open(path) as f:
            report = json.load(f)
        latency = report["latencyMs"]["customerMessageToBotReply"]
        if latency.get("count", 0) == 0:
            continue
        series[report["options"].get("label") or "run"].append((path, report))
    for runs in series.values():
        runs.sort(key=lambda run: run[1]["options"]["rate"])
    return series


def table(series):
    lines = [
        "| series | target msg/s | customers | achieved msg/s | reply p50 / p90 / p99 ms | server-side p99 ≤ ms "
        "| handoff → agent p99 ms | errors | server heap max / RSS max MiB | server cores | client cores | load avg before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, runs in series.items():
        for _, report in runs:
            options, throughput, latency = report["options"], report["throughput"], report["latencyMs"]
            reply = latency["customerMessageToBotReply"]
            notified = latency["handoffToAgentNotification"]
            errors = sum(report["errors"].values())
            server, client, machine = report["server"], report["client"], report["machine"]
            server_p99 = server.get("postMessageServerSideMs", {}).get("p99AtMost", "–")
            lines.append(
                f"| {label} | {options['rate']:.0f} | {options['customers']} | {throughput['messagesPerSecond']:.1f} "
                f"| {reply['p50']} / {reply['p90']} / **{reply['p99']}** | {server_p99} | {notified.get('p99', '–')} | {errors} "
                f"| {server['heapUsedMiBMax']} / {server.get('rssMiBMax')} | {server.get('coresBusyInWindow')} "
                f"| {client['coresBusyInWindow']} | {machine['loadAverageBefore'][0]} → {machine['loadAverageAfter'][0]} |")
    return "\n".join(lines)


def knees(series):
    """Where each series' p99 first passes 100 ms, in words."""
    lines = []
    for label, runs in series.items():
        steps = [(r["options"]["rate"], r["throughput"]["messagesPerSecond"], r["latencyMs"]["customerMessageToBotReply"]["p99"])
                 for _, r in runs]
        below = [step for step in steps if step[2] <= KNEE_MS]
        above = [step for step in steps if step[2] > KNEE_MS]
        if not above:
            lines.append(f"{label}: p99 stays at or under {KNEE_MS} ms up to the highest step, {steps[-1][1]:.0f} msg/s "
                         f"(p99 {steps[-1][2]} ms): the knee is above it")
        elif not below or above[0][0] < below[0][0]:
            lines.append(f"{label}: p99 is over {KNEE_MS} ms already at the lowest step, {steps[0][1]:.0f} msg/s (p99 {steps[0][2]} ms)")
        else:
            last_below = max((step for step in below if step[0] < above[0][0]), key=lambda step: step[0])
            line = (f"{label}: p99 passes {KNEE_MS} ms between {last_below[1]:.0f} msg/s (p99 {last_below[2]} ms) "
                    f"and {above[0][1]:.0f} msg/s (p99 {above[0][2]} ms)")
            back = [step for step in below if step[0] > above[0][0]]
            if back:
                line += (f", but is back under it at {back[0][1]:.0f} msg/s (p99 {back[0][2]} ms): it hovers around {KNEE_MS} ms,"
                         " so the knee is not found at these steps")
            lines.append(line)
    return "\n".join(lines)


def svg(series):
    points = [(r["throughput"]["messagesPerSecond"], r["latencyMs"]["customerMessageToBotReply"])
              for runs in series.values() for _, r in runs]
    x_max = max(50, max(x for x, _ in points))
    x_max = math.ceil(x_max / 50) * 50
    y_values = [v for _, l in points for v in (l["p50"], l["p99"])] + [KNEE_MS]
    y_low = 10 ** math.floor(math.log10(max(0.1, min(y_values))))
    y_high = 10 ** math.ceil(math.log10(max(y_values) * 1.01))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x):
        return LEFT + plot_w * x / x_max

    def sy(ms):
        return TOP + plot_h * (1 - (math.log10(ms) - math.log10(y_low)) / (math.log10(y_high) - math.log10(y_low)))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}"'
           ' font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="14">Customer message → bot reply latency against load</text>']
    decade = y_low
    while decade <= y_high * 1.001:
        y = sy(decade)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        label = f"{decade:g}"
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
        decade *= 10
    step = 50 if x_max <= 400 else 100
    for x in range(0, int(x_max) + 1, step):
        out.append(f'<line x1="{sx(x):.1f}" y1="{TOP}" x2="{sx(x):.1f}" y2="{TOP + plot_h}" stroke="#eee"/>')
        out.append(f'<text x="{sx(x):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{x}</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    out.append(f'<line x1="{LEFT}" y1="{sy(KNEE_MS):.1f}" x2="{LEFT + plot_w}" y2="{sy(KNEE_MS):.1f}" stroke="#888"'
               ' stroke-dasharray="6 4"/>')
    out.append(f'<text x="{LEFT + plot_w - 4}" y="{sy(KNEE_MS) - 5:.1f}" text-anchor="end" fill="#666">100 ms</text>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 12}" text-anchor="middle">customer messages per second (achieved)</text>')
    out.append(f'<text transform="translate(16 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">latency, ms (log scale)</text>')
    legend_y = TOP + 10
    for index, (label, runs) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        for key, dash in (("p99", ""), ("p50", ' stroke-dasharray="2 3"')):
            coords = " ".join(f"{sx(r['throughput']['messagesPerSecond']):.1f},{sy(r['latencyMs']['customerMessageToBotReply'][key]):.1f}"
                              for _, r in runs)
            out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
            for _, r in runs:
                x, y = sx(r["throughput"]["messagesPerSecond"]), sy(r["latencyMs"]["customerMessageToBotReply"][key])
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            out.append(f'<line x1="{LEFT + plot_w + 10}" y1="{legend_y}" x2="{LEFT + plot_w + 34}" y2="{legend_y}" stroke="{colour}"'
                       f' stroke-width="2"{dash}/>')
            out.append(f'<text x="{LEFT + plot_w + 40}" y="{legend_y + 4}">{escape(label)} {key}</text>')
            legend_y += 18
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv):
    svg_path = None
    if len(argv) > 1 and argv[0] == "--svg":
        svg_path, argv = argv[1], argv[2:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    series = load(argv)
    if not series:
        print("no report with measured replies", file=sys.stderr)
        return 1
    print(table(series))
    print()
    print(knees(series))
    if svg_path:
        with open(svg_path, "w") as f:
            f.write(svg(series))
        print(f"wrote {svg_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
