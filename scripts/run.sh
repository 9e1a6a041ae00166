#!/usr/bin/env bash
# Runs the app locally with everything it needs: installs and starts Azurite and maildev on
# 127.0.0.1 (well-known ports), starts the server in test mode (settable clock, sandbox payments),
# loads demo spaces and members, and prints how to call it. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/emulators.sh
mkdir -p .azurite
app_pid=""
trap 'if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi; stop_emulators' EXIT
start_emulators "$PWD/.azurite" fixed

export ASPNETCORE_ENVIRONMENT=Development
export Auth__Issuer=billing-local Auth__Audience=billing-api
export Auth__SigningKey="bG9jYWwtb25seS1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMzJieXRlcyE="
export Billing__Clock=test Payments__Sandbox=true Billing__PublicBaseUrl=http://127.0.0.1:7071/
url=http://127.0.0.1:7071
dotnet build functions -c Release --nologo -v quiet
dotnet run --project functions -c Release --no-build -- --urls "$url" &
app_pid=$!
for _ in $(seq 1 100); do curl -sf "$url/api/health" >/dev/null 2>&1 && break; sleep 0.3; done

token() { dotnet run --project functions -c Release --no-build -- --mint-token "$@"; }
directory=$(token product-backend billing.directory)
owner=$(token olivia)
admin=$(token ada)
member=$(token colin)
operator=$(token oscar billing.operator)
sales=$(token sam billing.sales)

seed_demo_data() {
  local put=(curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $directory" -H 'Content-Type: application/json')
  "${put[@]}" "$url/api/spaces/acme" -d '{"kind":"workspace","name":"Acme","locale":"en-US"}'
  "${put[@]}" "$url/api/spaces/globex" -d '{"kind":"organization","name":"Globex","locale":"nl-NL"}'
  "${put[@]}" "$url/api/spaces/globex-design" -d '{"kind":"team","name":"Design","organizationId":"globex"}'
  for space in acme globex globex-design; do
    "${put[@]}" "$url/api/spaces/$space/members/olivia" -d '{"email":"olivia@acme.example","name":"Olivia","role":"member","locale":"en-US"}'
    "${put[@]}" "$url/api/spaces/$space/members/colin" -d '{"email":"colin@acme.example","name":"Colin","role":"member","locale":"fr-FR"}'
  done
  "${put[@]}" "$url/api/spaces/acme/members/ada" -d '{"email":"ada@acme.example","name":"Ada","role":"admin","locale":"sv-SE"}'
}
# Azurite keeps its data in .azurite/ between runs: seed once, since a later run's demo may have changed
# the members (an upgraded owner is an admin, B2, and the directory may not demote them).
if [ ! -f .azurite/seeded ]; then
  seed_demo_data || echo "Some demo data was already there and was left as it is."
  touch .azurite/seeded
fi

cat <<TXT

Billing backend running at $url (test clock, sandbox payments)
  OpenAPI:        $url/api/openapi.json
  maildev inbox:  $MAILDEV_API   (SMTP on 127.0.0.1:$Email__SmtpPort)
  Demo spaces:    acme (workspace), globex (organization) with team globex-design; members olivia, colin, ada

  The billing tab in a browser (test mode: the token rides in the #fragment, which never reaches the server):
    billing owner-to-be (olivia): $url/billing/acme#token=$owner
    admin (ada):                  $url/billing/acme#token=$admin
    member (colin):               $url/billing/acme#token=$member
  The back office (sam, billing.sales): receivables, bank transfers, voids and refunds:
    $url/billing/sales#token=$sales

  Billing owner-to-be (olivia), for curl:
    export TOKEN=$owner
  Operator (renewal runs, clock):
    export OPERATOR=$operator

  Try:
    curl -s -H "Authorization: Bearer \$TOKEN" $url/api/spaces/acme/billing
    curl -s -X POST -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' $url/api/spaces/acme/subscription \\
      -d '{"tier":"advanced","cycle":"monthly","seats":5,"billingOwnerId":"olivia","billingInfo":{"name":"Acme","email":"ap@acme.example","address":{"line1":"1 Main St","city":"Springfield","country":"US"}},"paymentMethod":{"provider":"sandbox","token":"pm_sandbox_ok"}}'
    curl -s -X POST -H "Authorization: Bearer \$OPERATOR" $url/api/operations/renewal-run

Ctrl-C stops the app, Azurite and maildev (Azurite keeps its data in .azurite/).
TXT
wait "$app_pid"
