// Help texts of the command line.

const INPUT_OPTIONS = `Input and population:
  -p, --population SPEC   Monitored population: comma-separated IPv4/IPv6 CIDRs or addresses,
                          or a file with one per line (# starts a comment). Without it, Zeek's
                          local_orig/local_resp columns decide; if they are unset, the run stops.
  --input-format F        Force the input format instead of detecting it from content:
                          zeek-tsv, zeek-json or flow-csv, optionally with :conn, :dns, :ssl or
                          :http (for example zeek-json:ssl).
  --dns-window SECONDS    A DNS answer names its addresses for at least this long, even when
                          its TTL is shorter (default 3600; at most 86400).

Reference data:
  --geoip PATH            MaxMind GeoIP2/GeoLite2 City or Country MMDB (official schema).
                          Default: embedded GeoLite2 City from @ip-location-db.
  --asn PATH              GeoLite2-ASN (or GeoIP2-ISP) MMDB. Default: embedded @ip-location-db ASN ranges.
  --tor-exits FILE        Tor exit addresses, one per line (Tor Project bulk exit list); they
                          are classed as VPN/proxy/Tor.
  --geodata DIR           Folder of curated resource lists (default: geodata/ of this package).
  --weights FILE          Heuristic weights YAML; unset keys keep heuristics/default.yaml.

Output:
  -o, --out FILE          Write results to FILE instead of standard output.
  -q, --quiet             No progress messages on standard error.
  -h, --help              Show this help.
`;

export const COMMAND_HELP = {
  assess: `Usage: footprint assess LOGS... [options]

Ranks the countries, and the cities in each, where members of the monitored population are
likely present, with a likelihood, a confidence level and the evidence behind each.
LOGS are Zeek conn, dns, ssl and http logs (TSV or JSON lines, plain or gzip), NetFlow/IPFIX
CSV exports, or folders holding them.

${INPUT_OPTIONS}
Scoring and report:
  --baseline FILE         Reference aggregate (from \`footprint aggregate\`) of a population that
                          is not present, or of an earlier window. Default: the world prior.
  -f, --format F          table (default), json, csv or markdown.
  --explain CC            Print every piece of evidence for one country (ISO code) and its cities,
                          as text, or as JSON with --format json.
  --top N                 Countries listed in table and markdown output (default 10).
  --top-cities N          Cities listed under each country (default 5).
  --all-evidence          List every resource and peer per place in JSON and CSV (default: top 10).
`,
  aggregate: `Usage: footprint aggregate LOGS... [options]

Writes the mergeable counters of a run as JSON, for use as --baseline or for merging shards
with \`footprint merge\`.

${INPUT_OPTIONS}`,
  merge: `Usage: footprint merge AGGREGATES... [--out FILE]

Adds the counters of several aggregate files (shards of files, days or sensors) into one.

Options:
  -o, --out FILE          Write the merged aggregate to FILE instead of standard output.
  -q, --quiet             Accepted for symmetry with the other commands; merge prints no progress.
  -h, --help              Show this help.
`,
  evaluate: `Usage: footprint evaluate SCENARIOS.yaml [--weights FILE ...] [options]

Scores labelled scenarios under one or more weights files and compares the findings with the
truth: rank, probability, likelihood, confidence and presence of the true country, rank of the
true city in it, and countries wrongly reported present. Then the metrics of each weights file:
top-1 country and city accuracy, mean reciprocal rank, false presents and the Brier score.
SCENARIOS.yaml is a list of { name, inputs, population, truth: { country, city }, absent };
see scenarios/demo.yaml. A scenario whose inputs are missing is reported as skipped.
Each scenario's logs are read once and scored under every weights file.

Options:
  --weights FILE          Heuristic weights YAML, one variant each; repeat to compare several.
                          Default: heuristics/default.yaml alone.
  -f, --format F          table (default) or json.
  -o, --out FILE          Write results to FILE instead of standard output.
  -q, --quiet             No progress messages on standard error.
  -h, --help              Show this help.
`,
};

export const HELP = `footprint: infer where a monitored population is physically present from its traffic.

Usage:
  footprint assess LOGS... --population CIDRS [options]   ranked presence findings
  footprint aggregate LOGS... --population CIDRS --out F  mergeable counters (a baseline)
  footprint merge AGGREGATES... --out F                   combine aggregates of shards
  footprint evaluate SCENARIOS.yaml [--weights F ...]     score weights on labelled scenarios
  footprint COMMAND --help                                options of one command

Exit codes: 0 success, 1 invalid input, data or configuration, 2 usage error, 70 internal error.
`;
