<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that the qtbase_zh_CN.qm shipped with PySide6 does not translate
     (Qt 6.11 changed their source text, e.g. "Look in:" became "&Look in:"). Loaded
     after qtbase_zh_CN for Chinese; compile with:
     pyside6-lrelease qtbase_gaps_zh_CN.ts -qm qtbase_gaps_zh_CN.qm
     tests/ui/test_chrome.py lists the file dialog's and message box's untranslated
     strings, so a new gap shows up as a failing test. -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
</TS>
