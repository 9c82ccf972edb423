#!/usr/bin/env bash
# Installs Debian's `awscli` package when /usr/bin/aws is missing: the `asl serve` tests
# (test/server/awscli*.test.ts) drive the server with the AWS CLI as users do
# (`aws stepfunctions ... --endpoint-url`). They run /usr/bin/aws itself, never whatever `aws` comes
# first on PATH (a pyenv shim, a pip-installed v1, a newer v2): one known CLI, Debian's 2.9.x.
# Needs root (CI containers run as root); does nothing when /usr/bin/aws is already there.
set -euo pipefail
if [ -x /usr/bin/aws ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-awscli: /usr/bin/aws is missing and installing Debian's awscli needs root; run: sudo $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends awscli >/dev/null
/usr/bin/aws --version >/dev/null
