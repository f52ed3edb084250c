#!/usr/bin/env bash
# Installs libweft into a temporary prefix and builds examples/embed.c against
# it with pkg-config, as an embedder would; then runs it.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$WEFT_BUILD_DIR" --prefix "$tmp/prefix" >/dev/null
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig:$tmp/prefix/lib/x86_64-linux-gnu/pkgconfig"
extra=()
if grep -q '^WEFT_SANITIZE:BOOL=ON' "$WEFT_BUILD_DIR/CMakeCache.txt"; then
	extra=(-fsanitize=address,undefined)
fi
cc -std=c11 -Wall -Wextra -Werror "${extra[@]}" "$WEFT_SOURCE_DIR/examples/embed.c" -o "$tmp/embed" \
	$(pkg-config --cflags weft) $(pkg-config --libs --static weft)
libdir=$(pkg-config --variable=libdir weft)
LD_LIBRARY_PATH="$libdir" "$tmp/embed" "$WEFT_SOURCE_DIR/examples/welcome.html" "$tmp/out.png" | grep -q "rendered 'Welcome to Weft' (640x480)"
# A PNG signature and the right size in its IHDR chunk.
head -c 8 "$tmp/out.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a"
[ "$(od -An -tu1 -j16 -N8 "$tmp/out.png" | tr -s ' ')" = " 0 0 2 128 0 0 1 224" ]
echo "embed: ok"
