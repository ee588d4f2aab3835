# Shared by scripts/demo and scripts/test: where things are, and installing what is missing.
set -euo pipefail

IRO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IRO_PYTHON=/usr/bin/python3

# Debian 12 packages iro needs to build, test and run its Python module and notebooks.
IRO_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libsqlite3-dev libsqlitecpp-dev libicu-dev libfmt-dev nlohmann-json3-dev libpugixml-dev libsimdjson-dev libssl-dev libxml2-utils
  libboost-serialization-dev libcli11-dev clang-14 libclang-rt-14-dev libbenchmark-dev
  catch2 pybind11-dev python3-dev
  python3-pandas python3-numpy python3-pytest python3-matplotlib
  jupyter-nbconvert python3-nbclient python3-ipykernel python3-icalendar python3-tqdm
  graphviz
)

say() { printf '\n== %s\n' "$*"; }

# Installs only the packages that are missing, so a second run costs one dpkg query.
install_missing_packages() {
  local missing=()
  for p in "${IRO_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  say "installing ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures and builds a preset; a second run only rebuilds what changed.
build_preset() {
  local preset=$1
  cmake --preset "$preset" -S "$IRO_ROOT" >/dev/null
  cmake --build --preset "$preset"
}
