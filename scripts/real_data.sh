#!/usr/bin/env bash
# Import every published real-organisation data set in ../shared/data/real/ with
# `orggraph import-network` and write its health report (HTML + map, and JSON) to an output folder.
# The data files are read where they are and never copied into the project; the output holds HR-style
# data about real organisations, so keep it out of version control (out/ is the default).
#   bash scripts/real_data.sh [REAL_DATA_DIR] [OUT_DIR]
# Defaults: ../shared/data/real and out/real. Needs the project's venv (bash scripts/setup.sh --no-run).
set -euo pipefail
cd "$(dirname "$0")/.."
REAL="${1:-../shared/data/real}"
OUT="${2:-out/real}"
OG="${ORGGRAPH:-.venv/bin/orggraph}"
[ -d "$REAL" ] || { echo "No real data at $REAL (see its README.md for where to get it)." >&2; exit 1; }
mkdir -p "$OUT"

report() {  # report NAME: HTML (with map.html beside it) and JSON from $OUT/NAME.yaml
    "$OG" report "$OUT/$1.yaml" -o "$OUT/$1/report.html" >/dev/null
    "$OG" report "$OUT/$1.yaml" -o "$OUT/$1/report.json" >/dev/null
    echo "   report: $OUT/$1/report.html"
}

KR="$REAL/krackhardt_hightech/edgelist_sds-aau"
for rel in Advice Friendship; do
    name="krackhardt-$(echo "$rel" | tr 'A-Z' 'a-z')"
    echo "== Krackhardt high-tech managers: $rel (formal reporting lines from ReportsTo)"
    "$OG" import-network "$KR/Krack-High-Tec-edgelist-$rel.txt" -a "$KR/Krack-High-Tec-Attributes.csv" \
        --department-column DEPT --department-labels "0=CEO,1=Department 1,2=Department 2,3=Department 3,4=Department 4" \
        --title-column LEVEL --title-labels "1=CEO,2=Vice-president,3=Manager" \
        --reports-to "$KR/Krack-High-Tec-edgelist-ReportsTo.txt" \
        --relation "$(echo "$rel" | tr 'A-Z' 'a-z')" --name "High-tech managers (Krackhardt 1987): $rel" \
        -o "$OUT/$name.yaml"
    report "$name"
done

LZ="$REAL/lazega_lawfirm"
for rel in adv work; do
    name="lazega-$rel"
    extra=(); [ "$rel" = work ] && extra=(--undirected)
    label=$([ "$rel" = adv ] && echo advice || echo co-work)
    echo "== Lazega law firm: $label (department = office, team = practice)"
    "$OG" import-network "$LZ/EL$rel.dat" --matrix "${extra[@]}" -a "$LZ/ELattr.dat" --id-column 1 \
        --department-column 4 --department-labels "1=Boston,2=Hartford,3=Providence" \
        --team-column 7 --team-labels "1=Litigation,2=Corporate" \
        --title-column 2 --title-labels "1=Partner,2=Associate" \
        --relation "$label" --name "Law firm (Lazega 2001): $label" -o "$OUT/$name.yaml"
    report "$name"
    "$OG" silos "$OUT/$name.yaml" --level team --format json > "$OUT/$name/silos-practice.json"
    echo "   practices as groups: $OUT/$name/silos-practice.json"
done

EM="$REAL/snap_email_eu_core"
echo "== SNAP email-Eu-core (42 departments)"
"$OG" import-network "$EM/email-Eu-core.txt" -a "$EM/email-Eu-core-department-labels.txt" \
    --id-column 1 --department-column 2 --base 0 --relation e-mail \
    --name "European research institution (SNAP email-Eu-core)" -o "$OUT/email-eu-core.yaml"
report email-eu-core

echo "== Bank Wiring Room: help (job role from the id: I, W, S)"
"$OG" import-network "$REAL/bank_wiring_room/WIRING_RDHLP.csv" --matrix --direction alter-depends-on-ego \
    --department-from-id '^[A-Z]+' --department-labels "I=Inspectors,W=Wiremen,S=Soldermen" \
    --relation help --name "Bank Wiring Room (Hawthorne): help" -o "$OUT/bank-wiring-help.yaml"
report bank-wiring-help

echo "== UK Ministry of Defence organogram, senior posts (post ids only, no names)"
"$OG" import-network -a "$REAL/uk_mod_organogram_2016/ministry_of_defence-2016-03-31-senior.csv" \
    --id-column "Post Unique Reference" --text-ids --department-column Unit \
    --title-column "Grade (or equivalent)" --manager-column "Reports to Senior Post" \
    --name "UK Ministry of Defence senior posts, 31 March 2016" -o "$OUT/mod-senior.yaml"
report mod-senior

echo "Done: open $OUT/*/report.html"
