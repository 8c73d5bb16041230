rule WithScore { meta: score = 90 description_ja = "テスト用の説明です。" strings: $a = "needle" condition: $a }
rule StringScore { meta: score = "35" strings: $a = "needle" condition: $a }
rule NoScore { meta: description = "Plain English." strings: $a = "needle" condition: $a }
rule Negative { meta: score = -5 strings: $a = { 6E 65 65 64 6C 65 } condition: $a }
