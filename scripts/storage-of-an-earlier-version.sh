#!/usr/bin/env bash
# Writes tests/Helsefellesskap.Functions.Tests/Cycle/Fixtures/storage-<commit>.tar.gz: the Azurite data folder of the app as
# it was at <commit> (default bee7d70, the last version whose own ticker moved the cycles, before the Durable
# orchestrations of ADR 0019), with the Helgeland SSU loaded and its dev clock walked through the cycle of the meeting
# of 11 February 2027 to 4 February 09:00, just after its summons went out. MeetingCycleOrchestrationTests starts today's version on it.
# Run from the repository root after ./test.sh has installed npm packages; needs git, the .NET SDK and Chromium.
set -euo pipefail
commit="${1:-bee7d70}"
root="$(pwd)"
work="$(mktemp -d)"
trap 'kill "${app:-0}" "${azurite:-0}" 2>/dev/null || true; git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/src" "$commit" >/dev/null
dotnet build "$work/src/functions/Helsefellesskap.Functions" -c Release -o "$work/app" -v q -nologo >/dev/null

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
blob=$(port); queue=$(port); table=$(port); http=$(port)
node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry --location "$work/azurite" \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" &
azurite=$!
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"

# The tests' settings (AppFixture.Settings), the clock at the fixture's start.
(cd "$work/src" && env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$http" \
  Storage__ConnectionString="$storage" Community__Name="Helsefellesskap Helgeland" Community__ReferencePrefix=HFH \
  Community__Definition="$work/src/communities/helgeland.yaml" Community__DefinitionBodies=ssu \
  Secretariat__Key=test-sekretariatsnokkel-0123456789 Secretariat__Email=sekretariat@example.org Links__PublicBaseUrl="http://127.0.0.1:$http" \
  Links__SigningKey=test-signing-key-that-is-long-enough-0123456789 Email__FromAddress=post@helsefellesskap.example.org \
  Email__FromName="Helsefellesskap Helgeland" Cycle__InProcessTicker=false Documents__ChromiumPath=/usr/bin/chromium \
  Community__PartnerWebContacts=nettredaksjon@rana.example.org,nettredaksjon@helgelandssykehuset.example.org \
  dotnet "$work/app/Helsefellesskap.Functions.dll") > "$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$http/api/health" >/dev/null && break; sleep 0.5; done
for now in 2027-01-14T09:00:00+01:00 2027-01-22T00:05:00+01:00 2027-02-03T08:05:00+01:00 2027-02-04T09:00:00+01:00; do
  curl -sf -X POST -H 'content-type: application/json' -d "{\"now\":\"$now\"}" "http://127.0.0.1:$http/api/dev/clock"; echo
done
curl -sf -H 'x-functions-key: test-sekretariatsnokkel-0123456789' "http://127.0.0.1:$http/api/meetings/ssu-2027-02-11/cycle" | head -c 600; echo
kill -INT "$app"; wait "$app" || true
kill -INT "$azurite"; wait "$azurite" || true
tar -C "$work/azurite" -czf "$root/tests/Helsefellesskap.Functions.Tests/Cycle/Fixtures/storage-$commit.tar.gz" .
ls -l "$root/tests/Helsefellesskap.Functions.Tests/Cycle/Fixtures/storage-$commit.tar.gz"
