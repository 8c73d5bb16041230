import "pe"
import "math"
rule M { condition: math.entropy(0, filesize) > 1 or pe.number_of_sections > 1 }
