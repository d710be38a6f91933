#!/usr/bin/env bash
# A long power-loss campaign (docs/SECURITY.md): berth-registry on
# berth-crash-fs, the power cut at seeded points under concurrent pushes,
# deletes and garbage collection; every acknowledged push must survive.
# The suite runs 200 rounds; this runs as many as asked.
#
#   bench/power_loss.sh [ROUNDS] [SEED] [berth|distribution]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2000}"
seed="${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
engine="${3:-berth}"
test=build/dev/tests/core/server/test_power_loss
if [ ! -x "$test" ]; then
  BERTH_WERROR=ON cmake --preset dev >/dev/null
  cmake --build --preset dev -j2 --target test_power_loss
fi
case "$engine" in
  berth) filter=PowerLoss.EveryAcknowledgedPushSurvivesEveryCrash ;;
  distribution) filter=PowerLoss.DistributionLosesAcknowledgedPushes ;;
  *) echo "usage: $0 [ROUNDS] [SEED] [berth|distribution]" >&2; exit 2 ;;
esac
echo "power_loss: $engine, $rounds rounds, seed $seed, $(nproc) cores, $(uname -r)"
start=$(date +%s)
BERTH_POWER_LOSS_ROUNDS="$rounds" BERTH_POWER_LOSS_SEED="$seed" \
  "$test" --gtest_filter="$filter" 2>&1 | grep -v "max threads value"
echo "power_loss: $(( $(date +%s) - start )) s"
