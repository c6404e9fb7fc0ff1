#!/bin/sh
# Renders the extension's toolbar and store icons from the one SVG (needs ImageMagick's convert).
set -e
for size in 16 32 48 128; do
  convert -background none -density 300 extension/assets/icon.svg -resize "${size}x${size}" -depth 8 -strip \
    "extension/public/icon/$size.png"
done
