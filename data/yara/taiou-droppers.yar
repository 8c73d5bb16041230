/*
 * taiou-droppers.yar — YARA rules for the droppers of the Emotet era, written for Taiou
 * (感染対応アシスタント).
 *
 * SPDX-License-Identifier: CC0-1.0
 * Written for this project from public descriptions of how these droppers are built (file
 * format specifications: MS-CFB, MS-OVBA, MS-SHLLINK, MS-ONESTORE, ECMA-119, the PE format;
 * vendors' and CERTs' public write-ups of Emotet's delivery: macro documents, Excel 4.0 macro
 * sheets, OneNote files with embedded scripts, shortcuts starting PowerShell or mshta, disk
 * images hiding a shortcut, programs padded with zeros).  No string was taken from a sample and
 * no other rule set was copied.  Dedicated to the public domain under CC0 1.0: anyone may use,
 * change and ship these rules without asking.
 *
 * Meta used by Taiou: score (Loki-RS's scale: 80 alert, 60 warning, 40 notice; 70 when absent),
 * description (English) and description_ja (plain Japanese for the office worker).  No module
 * is imported, so the rules cost little on every file of a disk.
 */

rule Taiou_Maldoc_VBA_AutoExec_Downloader
{
  meta:
    score = 75
    description = "An Office document whose macro starts by itself and fetches or runs a program, as Emotet's mail attachments did."
    description_ja = "開くと自動で動くマクロが、インターネットからプログラムを取ってきたり実行したりするように作られた Office 文書です。Emotet がメールの添付ファイルで使った手口です。"
  strings:
    // MS-OVBA: the project's streams, named in UTF-16 in the compound file's directory
    $vba_project = "_VBA_PROJECT" wide
    $vba_dir = "VBA" wide
    // Auto-run procedures (MS-OVBA keeps identifiers uncompressed in _VBA_PROJECT)
    $auto1 = "AutoOpen" ascii nocase
    $auto2 = "Document_Open" ascii nocase
    $auto3 = "Workbook_Open" ascii nocase
    $auto4 = "Auto_Open" ascii nocase
    $auto5 = "Document_Close" ascii nocase
    // What a downloader calls
    $call1 = "URLDownloadToFile" ascii nocase
    $call2 = "WScript.Shell" ascii nocase
    $call3 = "powershell" ascii nocase
    $call4 = "MSXML2.XMLHTTP" ascii nocase
    $call5 = "Shell.Application" ascii nocase
    $call6 = "winmgmts:" ascii nocase
    $call7 = "Win32_Process" ascii nocase
  condition:
    uint32(0) == 0xE011CFD0 and uint32(4) == 0xE11AB1A1 and
    ($vba_project or $vba_dir) and any of ($auto*) and any of ($call*)
}

rule Taiou_Maldoc_XLM_Downloader
{
  meta:
    score = 75
    description = "An Excel workbook with an Excel 4.0 macro sheet that downloads a file and registers or runs it, as Emotet's 2022 mail waves did."
    description_ja = "古い形式のマクロ（Excel 4.0 マクロ）で、インターネットからファイルを取ってきて実行するように作られた Excel ファイルです。2022 年に Emotet が使った手口です。"
  strings:
    $download = "URLDownloadToFile" ascii nocase
    $urlmon = "urlmon" ascii nocase
    $run1 = "regsvr32" ascii nocase
    $run2 = "rundll32" ascii nocase
    $run3 = "EXEC(" ascii nocase
    $run4 = "CALL(" ascii nocase
    $book = "Workbook" wide
  condition:
    uint32(0) == 0xE011CFD0 and uint32(4) == 0xE11AB1A1 and
    $book and $download and $urlmon and any of ($run*)
}

rule Taiou_OOXML_Macro_Enabled_Document
{
  meta:
    score = 50
    description = "A Word or Excel file of the newer format that carries macros (vbaProject.bin). Macros in a mailed document deserve a check before it is opened."
    description_ja = "マクロ（vbaProject.bin）を含む Word や Excel のファイルです。メールで届いた文書のマクロは、開く前に確認が必要です。"
  strings:
    $content_types = "[Content_Types].xml" ascii
    $vba = "vbaProject.bin" ascii nocase
  condition:
    uint32(0) == 0x04034B50 and $content_types and $vba
}

rule Taiou_OneNote_Embedded_Script
{
  meta:
    score = 80
    description = "A OneNote file that carries an embedded script or batch file, as Emotet's March 2023 wave did."
    description_ja = "OneNote のファイルの中に、スクリプトやバッチファイルが埋め込まれています。2023 年 3 月に Emotet が使った手口です。"
  strings:
    // MS-ONESTORE: FileDataStoreObject header {BDE316E7-2665-4511-A4C4-8D4D0B7A9EAC}
    $embedded = { E7 16 E3 BD 65 26 11 45 A4 C4 8D 4D 0B 7A 9E AC }
    $script1 = "<script" ascii nocase
    $script2 = "WScript.Shell" ascii nocase
    $script3 = "CreateObject(" ascii nocase
    $script4 = "powershell" ascii nocase
    $script5 = "@echo off" ascii nocase
    $script6 = "cmd /c" ascii nocase
    $script7 = "mshta" ascii nocase
    $script8 = "<HTA:APPLICATION" ascii nocase
  condition:
    // MS-ONESTORE: the .one file type GUID {7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}
    uint32(0) == 0x7B5C52E4 and uint32(4) == 0x4DA7D88C and
    $embedded and any of ($script*)
}

rule Taiou_LNK_Launches_Script_Host
{
  meta:
    score = 75
    description = "A Windows shortcut that starts PowerShell, mshta or a script host: a shortcut of a document or a picture does not."
    description_ja = "PowerShell や mshta などのプログラムを起動するショートカットです。文書や画像のショートカットはこのような動きをしません。"
  strings:
    $host1 = "powershell" ascii wide nocase
    $host2 = "mshta" ascii wide nocase
    $host3 = "wscript" ascii wide nocase
    $host4 = "cscript" ascii wide nocase
    $host5 = "regsvr32" ascii wide nocase
    $host6 = "rundll32" ascii wide nocase
  condition:
    // MS-SHLLINK: HeaderSize 0x4C, then LinkCLSID 00021401-0000-0000-C000-000000000046
    uint32(0) == 0x0000004C and uint32(4) == 0x00021401 and uint32(16) == 0x46000000 and
    filesize < 1MB and any of ($host*)
}

rule Taiou_Disk_Image_Hiding_Shortcut_Or_Program
{
  meta:
    score = 70
    description = "A disk image (ISO or IMG) that holds a shortcut, a script or a program: used to slip a dropper past mail filters and Windows' warning for downloaded files."
    description_ja = "ディスクイメージ（ISO・IMG）の中に、ショートカットやスクリプト、プログラムが入っています。メールの検査や Windows の警告をすり抜けるために使われる手口です。"
  strings:
    // ECMA-119 file identifiers end with ";1"
    $iso_name1 = ".LNK;1" ascii nocase
    $iso_name2 = ".EXE;1" ascii nocase
    $iso_name3 = ".DLL;1" ascii nocase
    $iso_name4 = ".JS;1" ascii nocase
    $iso_name5 = ".VBS;1" ascii nocase
    $iso_name6 = ".HTA;1" ascii nocase
    $iso_name7 = ".BAT;1" ascii nocase
    $iso_name8 = ".CMD;1" ascii nocase
    $iso_name9 = ".WSF;1" ascii nocase
    // A shortcut or a program inside the image
    $lnk = { 4C 00 00 00 01 14 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 }
    $pe = "This program cannot be run in DOS mode" ascii
  condition:
    // ECMA-119: the primary volume descriptor's "CD001" at 0x8001
    (uint32(0x8001) == 0x30304443 and uint8(0x8005) == 0x31 and
     (any of ($iso_name*) or $lnk or $pe)) or
    // A FAT boot sector (0x55AA at 510, a jump at 0) with a shortcut or program inside
    (uint16(510) == 0xAA55 and (uint8(0) == 0xEB or uint8(0) == 0xE9) and
     filesize > 64KB and ($lnk or $pe))
}

rule Taiou_Padded_Program
{
  meta:
    score = 60
    description = "A Windows program whose sections end long before the file does: the rest is filler (Emotet's 2023 programs were padded to hundreds of megabytes with zeros to slip past antivirus size limits)."
    description_ja = "Windows のプログラムですが、本体の後ろに大量の詰め物があり、ファイルが不自然に大きくなっています。ウイルス対策ソフトの検査を逃れるために 2023 年の Emotet が使った手口です。"
  strings:
    $nsis = "Nullsoft" ascii
    $inno = "Inno Setup" ascii
  condition:
    uint16(0) == 0x5A4D and uint32(uint32(0x3C)) == 0x00004550 and filesize > 100MB and
    not $nsis and not $inno and
    // The end of the last section's raw data (sections in file order) is under a tenth of the file.
    (uint32(uint32(0x3C) + 24 + uint16(uint32(0x3C) + 20) +
            40 * (uint16(uint32(0x3C) + 6) - 1) + 20) +
     uint32(uint32(0x3C) + 24 + uint16(uint32(0x3C) + 20) +
            40 * (uint16(uint32(0x3C) + 6) - 1) + 16)) < filesize \ 10
}

rule Taiou_Padded_Office_Document
{
  meta:
    score = 60
    description = "An old-format Office document (compound file) over 100 MB whose own allocation table covers less than half of it: the rest is filler appended to slip past antivirus size limits, as Emotet's 2023 documents were."
    description_ja = "100 MB を超える古い形式の Office 文書で、文書の中身の後ろに大量の詰め物が足されています。ウイルス対策ソフトの検査を逃れるため、2023 年の Emotet は文書をこのように水増ししました。"
  condition:
    uint32(0) == 0xE011CFD0 and uint32(4) == 0xE11AB1A1 and filesize > 100MB and
    // MS-CFB: sector shift at 0x1E (9 or 12), number of FAT sectors at 0x2C; each FAT sector
    // maps sector_size / 4 sectors.  An installer (.msi) or a large workbook is covered whole.
    (uint16(0x1E) == 9 or uint16(0x1E) == 12) and
    uint32(0x2C) * ((1 << uint16(0x1E)) \ 4) * (1 << uint16(0x1E)) < filesize \ 2
}
