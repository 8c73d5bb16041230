rule R { strings: $r = /a(b|c)*d{1,1000}/ nocase $h = { 41 [0-100] 42 ?? 4? } $w = "x" wide ascii xor(1-255) condition: any of them }
