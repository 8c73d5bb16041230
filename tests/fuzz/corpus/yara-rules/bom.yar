rule bom { condition: true }
