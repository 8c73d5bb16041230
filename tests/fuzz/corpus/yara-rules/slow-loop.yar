rule Loop { condition: for all i in (0..filesize) : (for all j in (0..filesize) : (uint8(i) == uint8(j))) }
