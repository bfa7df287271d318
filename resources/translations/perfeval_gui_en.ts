<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AutosaveWarningBar</name>
    <message>
        <source>自动保存警告</source>
        <translation>Autosave warning</translation>
    </message>
    <message>
        <source>立即重试</source>
        <translation>Retry now</translation>
    </message>
    <message>
        <source>再试一次自动保存</source>
        <translation>Try the autosave again</translation>
    </message>
    <message>
        <source>%1。正在编辑的内容没有备份，程序意外退出会丢失，请尽快保存。</source>
        <translation>%1. What you are editing has no backup and would be lost if the program quit unexpectedly: save it soon.</translation>
    </message>
    <message>
        <source>恢复文件夹：%1</source>
        <translation>Recovery folder: %1</translation>
    </message>
</context>
<context>
    <name>CellDelegate</name>
    <message>
        <source>（未评定）</source>
        <translation>(not graded)</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>%1 (导入)</source>
        <translation>%1 (imported)</translation>
    </message>
    <message>
        <source>未命名</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>%1（只读）</source>
        <translation>%1 (read-only)</translation>
    </message>
    <message>
        <source>已新建空白自评表</source>
        <translation>Created a blank form</translation>
    </message>
    <message>
        <source>文本编码</source>
        <translation>Text encoding</translation>
    </message>
    <message>
        <source>按 %1 编码打开它吗？保存时将存为 UTF-8。</source>
        <translation>Open it as %1 text? It will be saved as UTF-8.</translation>
    </message>
    <message>
        <source>按 %1 打开</source>
        <translation>Open as %1</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>文件中有无法采用的取值</source>
        <translation>The file holds values the form cannot take</translation>
    </message>
    <message>
        <source>打开它以便修改吗？无法采用的取值会显示在各自的格子里（红色），改正后保存。</source>
        <translation>Open it to correct them? Each value that cannot be taken is shown in its own cell (red); correct them, then save.</translation>
    </message>
    <message>
        <source>打开并修改</source>
        <translation>Open and correct</translation>
    </message>
    <message>
        <source>已取消打开 %1</source>
        <translation>Cancelled opening %1</translation>
    </message>
    <message>
        <source>无法打开文件</source>
        <translation>Cannot open the file</translation>
    </message>
    <message>
        <source>已打开副本（未命名，尚未保存）</source>
        <translation>Opened a copy (untitled, not yet saved)</translation>
    </message>
    <message>
        <source>已以只读方式打开 %1；保存时请另存为</source>
        <translation>Opened %1 read-only; use Save As to save</translation>
    </message>
    <message>
        <source>已打开 %1；无法在该文件夹中创建锁文件，其他人同时打开时不会得到提示</source>
        <translation>Opened %1; no lock file could be created in its folder, so others opening it will not be warned</translation>
    </message>
    <message>
        <source>已打开 %1</source>
        <translation>Opened %1</translation>
    </message>
    <message>
        <source>有 %1 处取值无法采用，已标成红色，请改正后保存</source>
        <translation>%1 values could not be taken and are marked red; correct them, then save</translation>
    </message>
    <message>
        <source>正在读取 %1 …</source>
        <translation>Reading %1 …</translation>
    </message>
    <message>
        <source>文件正在使用</source>
        <translation>File in use</translation>
    </message>
    <message>
        <source>以只读方式打开</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>打开副本</source>
        <translation>Open a copy</translation>
    </message>
    <message>
        <source>未知用户</source>
        <translation>an unknown user</translation>
    </message>
    <message>
        <source>未知计算机</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>未知时间</source>
        <translation>an unknown time</translation>
    </message>
    <message>
        <source>“%1”已被 %2（计算机 %3）自 %4 起打开编辑。</source>
        <translation>“%1” has been open for editing by %2 (computer %3) since %4.</translation>
    </message>
    <message>
        <source>（就在本程序的另一个窗口中）</source>
        <translation> (in another window of this program)</translation>
    </message>
    <message>
        <source>同时保存会互相覆盖。可以只读打开，或打开一个未命名的副本。</source>
        <translation> Saving at the same time would overwrite each other&apos;s work. You can open it read-only, or open an untitled copy.</translation>
    </message>
    <message>
        <source>自评表</source>
        <translation>self-evaluation</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>仍要覆盖它吗？</source>
        <translation> Overwrite it anyway?</translation>
    </message>
    <message>
        <source>仍然覆盖</source>
        <translation>Overwrite anyway</translation>
    </message>
    <message>
        <source>文件是只读的</source>
        <translation>Read-only file</translation>
    </message>
    <message>
        <source>“%1”是只读文件。仍要用当前内容替换它吗？</source>
        <translation>“%1” is a read-only file. Replace it with the current form anyway?</translation>
    </message>
    <message>
        <source>仍然替换</source>
        <translation>Replace anyway</translation>
    </message>
    <message>
        <source>文件已被修改</source>
        <translation>File changed on disk</translation>
    </message>
    <message>
        <source>覆盖将丢失对方的修改；重新载入将丢失本窗口未保存的修改。</source>
        <translation> Overwriting loses the other changes; reloading loses the unsaved changes in this window.</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save As…</translation>
    </message>
    <message>
        <source>覆盖</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <source>重新载入</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>“%1”在打开后已被其他程序或窗口修改（现在：%2，%3 字节）。</source>
        <translation>“%1” was changed by another program or window after it was opened (now: %2, %3 bytes).</translation>
    </message>
    <message>
        <source>已保存到 %1；注意：%2 处标红的无效输入没有保存，请修改</source>
        <translation>Saved to %1; note: %2 invalid entries marked red were not saved, please fix them</translation>
    </message>
    <message>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <source>保存前会先询问。</source>
        <translation> You will be asked before saving.</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Ignore</translation>
    </message>
    <message>
        <source>“%1”已被删除或移走；保存将重新创建它。</source>
        <translation>“%1” was deleted or moved; saving will create it again.</translation>
    </message>
    <message>
        <source>重新载入将丢失本窗口未保存的修改。继续吗？</source>
        <translation>Reloading loses the unsaved changes in this window. Continue?</translation>
    </message>
    <message>
        <source>清除列表</source>
        <translation>Clear list</translation>
    </message>
</context>
<context>
    <name>FileLoader</name>
    <message>
        <source>无法读取（%1）</source>
        <translation>cannot read (%1)</translation>
    </message>
    <message>
        <source>正在打开</source>
        <translation>Opening</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>整张表</source>
        <translation>whole form</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>检查结果</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>展开</source>
        <translation>Expand</translation>
    </message>
    <message>
        <source>收起</source>
        <translation>Collapse</translation>
    </message>
    <message>
        <source>显示检查结果列表</source>
        <translation>Show the list of findings</translation>
    </message>
    <message>
        <source>只显示一行摘要，给表格让出位置</source>
        <translation>Show only a one-line summary, leaving room for the form</translation>
    </message>
    <message>
        <source>未发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>错误 %1 · 警告 %2 · 提示 %3</source>
        <translation>Errors %1 · Warnings %2 · Notes %3</translation>
    </message>
</context>
<context>
    <name>FormDocument</name>
    <message>
        <source>编辑 %1</source>
        <translation>Edit %1</translation>
    </message>
    <message>
        <source>插入指标行</source>
        <translation>Insert indicator row</translation>
    </message>
    <message>
        <source>添加指标行</source>
        <translation>Add indicator row</translation>
    </message>
    <message>
        <source>删除指标行</source>
        <translation>Delete indicator rows</translation>
    </message>
    <message>
        <source>复制指标行</source>
        <translation>Duplicate indicator row</translation>
    </message>
    <message>
        <source>移动指标行</source>
        <translation>Move indicator row</translation>
    </message>
    <message>
        <source>其中三项之和无法作为手工填写的总额：%1</source>
        <translation>The sum of the three sources cannot be used as the typed total: %1</translation>
    </message>
    <message>
        <source>%1自动合计</source>
        <translation>%1 summed automatically</translation>
    </message>
    <message>
        <source>%1手工填写</source>
        <translation>%1 typed by hand</translation>
    </message>
    <message>
        <source>金额单位只能是“元”或“万元”</source>
        <translation>The amount unit must be yuan or 10,000 yuan</translation>
    </message>
    <message>
        <source>金额换算为%1</source>
        <translation>Convert amounts to %1</translation>
    </message>
</context>
<context>
    <name>FormSpec</name>
    <message>
        <source>财政项目支出绩效自评表</source>
        <translation>Project Expenditure Performance Self-Evaluation Form</translation>
    </message>
    <message>
        <source>(%1 年度)</source>
        <translation>(Year %1)</translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <source>主管部门</source>
        <translation>Competent department</translation>
    </message>
    <message>
        <source>实施单位</source>
        <translation>Implementing unit</translation>
    </message>
    <message>
        <source>项目资金</source>
        <translation>Project funding</translation>
    </message>
    <message>
        <source>项目资金
（%1）</source>
        <translation>Project funding
(%1)</translation>
    </message>
    <message>
        <source>年度资金总额</source>
        <translation>Total annual funds</translation>
    </message>
    <message>
        <source>其中：当年财政拨款</source>
        <translation>of which: current-year appropriation</translation>
    </message>
    <message>
        <source>上年结转资金</source>
        <translation>Prior-year carry-over</translation>
    </message>
    <message>
        <source>其他资金</source>
        <translation>Other funds</translation>
    </message>
    <message>
        <source>年初预算数</source>
        <translation>Initial
budget</translation>
    </message>
    <message>
        <source>全年预算数</source>
        <translation>Annual
budget</translation>
    </message>
    <message>
        <source>全年执行数</source>
        <translation>Executed</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>执行率</source>
        <translation>Execution
rate</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>年度总体目标</source>
        <translation>Overall annual goals</translation>
    </message>
    <message>
        <source>预期目标</source>
        <translation>Expected goals</translation>
    </message>
    <message>
        <source>实际完成情况</source>
        <translation>Actual results</translation>
    </message>
    <message>
        <source>绩效指标</source>
        <translation>Performance indicators</translation>
    </message>
    <message>
        <source>一级指标</source>
        <translation>Level-1
indicator</translation>
    </message>
    <message>
        <source>二级指标</source>
        <translation>Level-2
indicator</translation>
    </message>
    <message>
        <source>三级指标</source>
        <translation>Level-3
indicator</translation>
    </message>
    <message>
        <source>年度指标值</source>
        <translation>Annual
target</translation>
    </message>
    <message>
        <source>实际完成值</source>
        <translation>Actual
value</translation>
    </message>
    <message>
        <source>建议得分</source>
        <translation>Suggested
score</translation>
    </message>
    <message>
        <source>按评分规则计算的建议得分，仅供参考</source>
        <translation>Score suggested by the scoring rules, for reference only</translation>
    </message>
    <message>
        <source>评价等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>偏差原因分析
及改进措施</source>
        <translation>Deviation analysis
and improvements</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Total score</translation>
    </message>
    <message>
        <source>达成年度指标</source>
        <translation>Annual target achieved</translation>
    </message>
    <message>
        <source>部分达成并具有一定效果</source>
        <translation>Partly achieved, with some effect</translation>
    </message>
    <message>
        <source>未达成且效果较差</source>
        <translation>Not achieved, poor effect</translation>
    </message>
    <message>
        <source>自评等级</source>
        <translation>Self-evaluation grade</translation>
    </message>
    <message>
        <source>优</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <source>良</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>中</source>
        <translation>Fair</translation>
    </message>
    <message>
        <source>差</source>
        <translation>Poor</translation>
    </message>
    <message>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <source>万元</source>
        <translation>10k yuan</translation>
    </message>
</context>
<context>
    <name>FormTable</name>
    <message>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>粘贴内容超出表格：%1 行、%2 个单元格未粘贴</source>
        <translation>The pasted data does not fit: %1 rows, %2 cells not pasted</translation>
    </message>
    <message>
        <source>%1 个单元格是计算得出的（灰色），粘贴的不同数字未采用</source>
        <translation>%1 cells are computed (grey); the different numbers pasted there were not used</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>清除单元格</source>
        <translation>Clear cells</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>（</source>
        <translation>(</translation>
    </message>
    <message>
        <source>年度）</source>
        <translation>)</translation>
    </message>
    <message>
        <source>金额单位。已填金额时会询问：换算金额（元 ↔ 万元，可撤销）或只改单位</source>
        <translation>Amount unit. If amounts are filled in, asks whether to convert them (yuan ↔ 10k yuan, undoable) or change only the unit</translation>
    </message>
    <message>
        <source>总额自动合计</source>
        <translation>Sum total automatically</translation>
    </message>
    <message>
        <source>勾选：%1 = 其中三项之和；不勾选：按表上数字手工填写</source>
        <translation>Checked: %1 = sum of the three sources; unchecked: the total is typed by hand</translation>
    </message>
    <message>
        <source>添加指标行</source>
        <translation>Add indicator row</translation>
    </message>
    <message>
        <source>在表末添加一行</source>
        <translation>Add a row at the end of the table</translation>
    </message>
    <message>
        <source>插入指标行</source>
        <translation>Insert indicator row</translation>
    </message>
    <message>
        <source>在当前行之前插入一行</source>
        <translation>Insert a row above the current row</translation>
    </message>
    <message>
        <source>删除指标行</source>
        <translation>Delete indicator rows</translation>
    </message>
    <message>
        <source>删除选中的行</source>
        <translation>Delete the selected rows</translation>
    </message>
    <message>
        <source>复制指标行</source>
        <translation>Duplicate indicator row</translation>
    </message>
    <message>
        <source>复制当前行</source>
        <translation>Duplicate the current row</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>当前行上移</source>
        <translation>Move the current row up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>当前行下移</source>
        <translation>Move the current row down</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>编辑%1</source>
        <translation>Edit %1</translation>
    </message>
    <message>
        <source>修改年度</source>
        <translation>Change year</translation>
    </message>
    <message>
        <source>金额已换算为%1（可撤销）</source>
        <translation>Amounts converted to %1 (undoable)</translation>
    </message>
    <message>
        <source>修改金额单位</source>
        <translation>Change amount unit</translation>
    </message>
</context>
<context>
    <name>FundingModel</name>
    <message>
        <source>自动合计：其中三项之和（可切换为手工填写）</source>
        <translation>Auto total: sum of the three rows below (can be switched to manual entry)</translation>
    </message>
    <message>
        <source>执行率 = %1 ÷ %2</source>
        <translation>Execution rate = %1 ÷ %2</translation>
    </message>
    <message>
        <source>资金得分 = min(执行率, 100%) × 分值</source>
        <translation>Funding score = min(execution rate, 100%) × weight</translation>
    </message>
    <message>
        <source>编辑 %1 · %2</source>
        <translation>Edit %1 · %2</translation>
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <source>第 %1 行 · %2</source>
        <translation>Row %1 · %2</translation>
    </message>
    <message>
        <source>该等级的得分范围：%1–%2</source>
        <translation>Score range for this grade: %1–%2</translation>
    </message>
    <message>
        <source>分值合计 = 资金分值 + 各指标分值</source>
        <translation>Total weight = funding weight + indicator weights</translation>
    </message>
    <message>
        <source>总分 = 资金得分 + 各指标得分</source>
        <translation>Total score = funding score + indicator scores</translation>
    </message>
    <message>
        <source>编辑第 %1 行 · %2</source>
        <translation>Edit row %1 · %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>已恢复未保存的内容；未打开 %1</source>
        <translation>Restored the unsaved form; %1 was not opened</translation>
    </message>
    <message>
        <source>新建(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>新建一张空白自评表</source>
        <translation>Create a blank self-evaluation form</translation>
    </message>
    <message>
        <source>打开(&amp;O)…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>另存为(&amp;A)…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <source>导入(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>从 Excel/WPS 工作簿（.xlsx、.xls、.ods）导入自评表</source>
        <translation>Import a form from an Excel/WPS workbook (.xlsx, .xls, .ods)</translation>
    </message>
    <message>
        <source>导出 Excel(&amp;X)…</source>
        <translation>Export E&amp;xcel…</translation>
    </message>
    <message>
        <source>把自评表导出为 Excel 工作簿（.xlsx，公式可在 Excel/WPS 中重算）</source>
        <translation>Export the form as an Excel workbook (.xlsx; its formulas recalculate in Excel/WPS)</translation>
    </message>
    <message>
        <source>导出 PDF(&amp;E)…</source>
        <translation>&amp;Export PDF…</translation>
    </message>
    <message>
        <source>按纸质表格式导出 PDF</source>
        <translation>Export a PDF laid out like the paper form</translation>
    </message>
    <message>
        <source>打印预览(&amp;V)…</source>
        <translation>Print Pre&amp;view…</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>打印字体(&amp;F)…</source>
        <translation>Print &amp;Font…</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>实际大小</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>最近打开(&amp;R)</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>检查结果面板</source>
        <translation>Findings panel</translation>
    </message>
    <message>
        <source>检查结果只显示摘要</source>
        <translation>Findings summary only</translation>
    </message>
    <message>
        <source>检查结果收起为一行（错误、警告、提示的个数），给表格让出位置</source>
        <translation>Collapse the findings to one line (numbers of errors, warnings, notes), leaving room for the form</translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>常用</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>界面语言将在下次启动 perfeval-gui 时更改。</source>
        <translation>The interface language changes the next time perfeval-gui starts.</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>执行率 %1&#x3000;资金得分 %2&#x3000;总分 %3</source>
        <translation>Execution rate %1   Funding score %2   Total score %3</translation>
    </message>
    <message>
        <source>输入无效：%1</source>
        <translation>Invalid input: %1</translation>
    </message>
    <message>
        <source>无法恢复</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <source>已恢复未保存的内容，请及时保存</source>
        <translation>Restored the unsaved form; please save it soon</translation>
    </message>
</context>
<context>
    <name>OnScreen</name>
    <message>
        <source>年度应为 %1–%2 之间的四位数</source>
        <translation>The year must be a four-digit number from %1 to %2</translation>
    </message>
    <message>
        <source>恢复时未能放回表格的输入：“%1”（%2）</source>
        <translation>Recovered entry that could not be put back into the form: “%1” (%2)</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>打印预览 — {0}</source>
        <translation>Print preview — {0}</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>第 {0} 页</source>
        <translation>Page {0}</translation>
    </message>
    <message>
        <source>PDF 中没有页面</source>
        <translation>The PDF has no pages</translation>
    </message>
    <message>
        <source>共 0 页</source>
        <translation>0 pages</translation>
    </message>
    <message>
        <source>第 {0} 页 共 {1} 页</source>
        <translation>Page {0} of {1}</translation>
    </message>
</context>
<context>
    <name>WindowPrinting</name>
    <message>
        <source>无法生成 PDF</source>
        <translation>Cannot create the PDF</translation>
    </message>
    <message>
        <source>注意：字体缺少这些字符，已用 〓 代替：%1</source>
        <translation>Note: the font lacks these characters, printed as 〓: %1</translation>
    </message>
    <message>
        <source>自评表</source>
        <translation>self-evaluation</translation>
    </message>
    <message>
        <source>无法导出 PDF</source>
        <translation>Cannot export the PDF</translation>
    </message>
    <message>
        <source>已导出 %1</source>
        <translation>Exported %1</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>无法预览</source>
        <translation>Cannot preview</translation>
    </message>
    <message>
        <source>无法使用该字体</source>
        <translation>Cannot use this font</translation>
    </message>
    <message>
        <source>打印字体：%1</source>
        <translation>Print font: %1</translation>
    </message>
    <message>
        <source>关于 perfeval-gui</source>
        <translation>About perfeval-gui</translation>
    </message>
    <message>
        <source>perfeval-gui %1
项目支出绩效自评表编辑器</source>
        <translation>perfeval-gui %1
Editor for the project expenditure performance self-evaluation form</translation>
    </message>
</context>
<context>
    <name>WindowQuestions</name>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>“%1”已修改。是否保存修改？</source>
        <translation>“%1” has been modified. Save the changes?</translation>
    </message>
    <message>
        <source>打开自评表</source>
        <translation>Open form</translation>
    </message>
    <message>
        <source>自评表文件 (*.json);;所有文件 (*)</source>
        <translation>Self-evaluation forms (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>导入 Excel/WPS 工作簿</source>
        <translation>Import an Excel/WPS workbook</translation>
    </message>
    <message>
        <source>工作簿 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)</source>
        <translation>Workbooks (*.xlsx *.xlsm *.xls *.ods);;All files (*)</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>选择打印字体</source>
        <translation>Choose print font</translation>
    </message>
    <message>
        <source>TrueType 字体 (*.ttf *.ttc *.otf);;所有文件 (*)</source>
        <translation>TrueType fonts (*.ttf *.ttc *.otf);;All files (*)</translation>
    </message>
    <message>
        <source>有未接受的输入</source>
        <translation>Input not accepted</translation>
    </message>
    <message>
        <source>有 %1 处输入无效（标红），没有写入表格，继续将丢失这些输入：</source>
        <translation>%1 entries are invalid (marked red) and were not written to the form; continuing loses them:</translation>
    </message>
    <message>
        <source>仍然继续</source>
        <translation>Continue anyway</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Go back and fix</translation>
    </message>
</context>
<context>
    <name>WorkbookFiles</name>
    <message>
        <source>（未填名称）</source>
        <translation>(no project name)</translation>
    </message>
    <message>
        <source>第 %1 个表</source>
        <translation>form %1</translation>
    </message>
    <message>
        <source>正在读取 %1 …</source>
        <translation>Reading %1 …</translation>
    </message>
    <message>
        <source>已取消导入 %1</source>
        <translation>Import of %1 cancelled</translation>
    </message>
    <message>
        <source>无法导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>选择要导入的自评表</source>
        <translation>Choose the form to import</translation>
    </message>
    <message>
        <source>“%1”中有 %2 张自评表，请选择一张打开：</source>
        <translation>“%1” holds %2 forms; choose the one to open:</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已导入；有 %1 个单元格未能读取，见检查结果</source>
        <translation>Imported; %1 cells could not be read, see the findings</translation>
    </message>
    <message>
        <source>已导入 %1，尚未保存</source>
        <translation>Imported %1, not saved yet</translation>
    </message>
    <message>
        <source>自评表</source>
        <translation>self-evaluation</translation>
    </message>
    <message>
        <source>无法导出 Excel</source>
        <translation>Cannot export Excel</translation>
    </message>
    <message>
        <source>无法生成工作簿（%1）</source>
        <translation>cannot build the workbook (%1)</translation>
    </message>
    <message>
        <source>已导出 %1</source>
        <translation>Exported %1</translation>
    </message>
    <message>
        <source>；注意：%1</source>
        <translation>; note: %1</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Position</translation>
    </message>
</context>
<context>
    <name>YearSpinBox</name>
    <message>
        <source>年度应为 %1–%2 之间的四位数，“%3”未采用，仍为 %4 年</source>
        <translation>The year must be a four-digit number from %1 to %2; “%3” was not used, the year stays %4</translation>
    </message>
</context>
<context>
    <name>funding_dialogs</name>
    <message>
        <source>修改金额单位</source>
        <translation>Change amount unit</translation>
    </message>
    <message>
        <source>金额单位由“%1”改为“%2”。已填的金额要换算吗？</source>
        <translation>The amount unit changes from “%1” to “%2”. Convert the amounts already filled in?</translation>
    </message>
    <message>
        <source>除以 10 000</source>
        <translation>are divided by 10,000</translation>
    </message>
    <message>
        <source>乘以 10 000</source>
        <translation>are multiplied by 10,000</translation>
    </message>
    <message>
        <source>换算金额：所有金额%1，执行率和得分不变。</source>
        <translation>Convert amounts: all amounts %1; execution rate and scores stay the same.</translation>
    </message>
    <message>
        <source>只改单位：数字不变，只改单位。</source>
        <translation>Change unit only: the numbers stay, only the unit changes.</translation>
    </message>
    <message>
        <source>例如：%1</source>
        <translation>For example: %1</translation>
    </message>
    <message>
        <source>两者都可撤销。</source>
        <translation>Both can be undone.</translation>
    </message>
    <message>
        <source>换算金额</source>
        <translation>Convert amounts</translation>
    </message>
    <message>
        <source>只改单位</source>
        <translation>Change unit only</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>无法换算金额</source>
        <translation>Cannot convert the amounts</translation>
    </message>
    <message>
        <source>表格未作任何修改。</source>
        <translation>The form was not changed.</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>%1：手工填写 %2，三项之和 %3</source>
        <translation>%1: typed %2, sum of sources %3</translation>
    </message>
    <message>
        <source>改为自动合计</source>
        <translation>Sum automatically</translation>
    </message>
    <message>
        <source>%1是手工填写的，与其中三项之和不一致。</source>
        <translation>%1 was typed by hand and differs from the sum of the three sources.</translation>
    </message>
    <message>
        <source>改为自动合计将以三项之和代替手工填写的数字（可撤销）。</source>
        <translation>Summing automatically replaces the typed numbers with the sums of the three sources (undoable).</translation>
    </message>
    <message>
        <source>保留手工填写</source>
        <translation>Keep typed total</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>无法读取 PDF：{0}</source>
        <translation>Cannot read the PDF: {0}</translation>
    </message>
    <message>
        <source>无法显示 PDF 页面：像素格式 {0}</source>
        <translation>Cannot show the PDF page: pixel format {0}</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>未命名</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>无法创建恢复文件夹：%1</source>
        <translation>Cannot create the recovery folder: %1</translation>
    </message>
    <message>
        <source>自动保存失败：{0}</source>
        <translation>Autosave failed: {0}</translation>
    </message>
    <message>
        <source>恢复未保存的内容</source>
        <translation>Restore unsaved work</translation>
    </message>
    <message>
        <source>上次程序意外退出，有一份未保存的自评表可以恢复：</source>
        <translation>perfeval-gui quit unexpectedly last time; one unsaved form can be restored:</translation>
    </message>
    <message>
        <source>恢复：打开它（尚未保存）；丢弃：删除恢复文件；稍后：下次启动时再询问。</source>
        <translation>Restore: open it (not yet saved); Discard: delete the recovery file; Later: ask again at the next start.</translation>
    </message>
    <message>
        <source>上次程序意外退出，有 {0} 份未保存的自评表可以恢复：</source>
        <translation>perfeval-gui quit unexpectedly last time; {0} unsaved forms can be restored:</translation>
    </message>
    <message>
        <source>恢复：打开最新的一份（尚未保存），其余的下次启动时再询问；丢弃：删除全部恢复文件；稍后：下次启动时再询问。</source>
        <translation>Restore: open the newest one (not yet saved), ask about the others at the next start; Discard: delete all recovery files; Later: ask again at the next start.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>丢弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
</context>
</TS>
