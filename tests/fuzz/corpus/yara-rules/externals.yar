rule ByName { condition: filename == "input.bin" and extension == ".bin" and filepath == "/fuzz" }
