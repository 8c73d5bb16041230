include "/etc/passwd"
rule a { condition: true }
