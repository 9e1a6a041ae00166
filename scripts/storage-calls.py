#!/usr/bin/env python3
# Counts the storage calls in Azurite's debug log, by table and kind, in all and per renewal (or per request):
#   AZURITE_IN_MEMORY=1 AZURITE_DEBUG=/tmp/azurite.log ./scripts/load.sh renewals --count 300
#   scripts/storage-calls.py /tmp/azurite.log 300
# Only the calls between the load command's two marks (reads of the tables "...passfrom" and "...passto") are
# counted, when the log has them: the pass's own, without the seed or the raw measurement.
# A third argument names other marks, those of `load.sh http --calls` (seats, upgrades) or `load.sh webhooks --calls` (webhooks):
#   AZURITE_DEBUG=/tmp/http.log ./scripts/load.sh http --calls; scripts/storage-calls.py /tmp/http.log 400 upgrades
# (Azurite writes its log lines late, so its timestamps cannot delimit the pass.)
import collections
import re
import sys

log = sys.argv[1]
renewals = int(sys.argv[2]) if len(sys.argv) > 2 else 1
mark = sys.argv[3] if len(sys.argv) > 3 else 'pass'
request = re.compile(r'^\S+ \S+ info: (?:Table|Blob|Queue)StorageContextMiddleware: RequestMethod=(\w+) RequestURL=(\S+)')
lines = [m.groups() for m in map(request.match, open(log, errors='replace')) if m]
marks = [i for i, (_, url) in enumerate(lines) if re.search(mark + r'(from|to)\(', url)]
if len(marks) == 2:
    lines = lines[marks[0] + 1:marks[1]]

counts = collections.Counter()
for method, url in lines:
    url = re.sub(r'^https?://[^/]+/devstoreaccount1', '', url).split('?')[0]
    url = re.sub(r'^/l[0-9a-f]{8}', '/', url)  # the load command's prefix
    named = re.match(r'^/+([a-z$-]+?)(\d\d)?(\(|$|/)', url)
    name = named.group(1) if named else url
    if url.endswith('$batch'):
        kind = 'entity-group transaction'
    elif 'PartitionKey=' in url:
        kind = 'point ' + method
    elif url.endswith('()'):
        kind = 'query'
    elif method == 'PUT' and '/' in url.strip('/'):
        kind = 'blob PUT'
    else:
        kind = method
    counts[(name, kind)] += 1

print(f"{'table/container':16} {'call':26} {'calls':>7} {'per renewal':>12}")
for (name, kind), n in sorted(counts.items(), key=lambda c: -c[1]):
    print(f"{name:16} {kind:26} {n:7} {n / renewals:12.2f}")
total = sum(counts.values())
print(f"{'total':43} {total:7} {total / renewals:12.2f}")
