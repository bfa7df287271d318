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
    <name>EditActions</name>
    <message>
        <source>剪切(&amp;T)</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <source>剪切所选单元格（复制后清空，可撤销）</source>
        <translation>Cut the selected cells (copy, then clear; can be undone)</translation>
    </message>
    <message>
        <source>复制(&amp;C)</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>复制所选单元格，可粘贴到 Excel/WPS</source>
        <translation>Copy the selected cells; they paste into Excel/WPS</translation>
    </message>
    <message>
        <source>粘贴(&amp;P)</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <source>从当前单元格起粘贴（可来自 Excel/WPS）</source>
        <translation>Paste from the current cell on (also from Excel/WPS)</translation>
    </message>
    <message>
        <source>所选单元格是计算得出的，只复制、未清空</source>
        <translation>The selected cells are computed: copied, not cleared</translation>
    </message>
    <message>
        <source>剪切</source>
        <translation>Cut</translation>
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
        <source>已新建自评表（标准框架）</source>
        <translation>Created a new form (standard skeleton)</translation>
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
    <message>
        <source>右键 → 说明：含义和改法（或选中后按 F1）</source>
        <translation>Right-click → Explain: what it means and how to fix it (or select it and press F1)</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>检查结果</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>立即检查</source>
        <translation>Check now</translation>
    </message>
    <message>
        <source>现在就检查整张表并列出问题（%1）</source>
        <translation>Check the whole form now and list the problems (%1)</translation>
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
        <source>尚未填写：输入内容后显示检查结果。</source>
        <translation>Not filled in yet: findings appear once you enter something.</translation>
    </message>
    <message>
        <source>未发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <source>错误 %1 · 警告 %2 · 提示 %3</source>
        <translation>Errors %1 · Warnings %2 · Notes %3</translation>
    </message>
    <message>
        <source>转到单元格</source>
        <translation>Go to cell</translation>
    </message>
    <message>
        <source>说明：含义和改法…</source>
        <translation>Explain: what it means and how to fix it…</translation>
    </message>
    <message>
        <source>在填表说明中打开这条检查结果的含义和改法（选中后也可按 F1）</source>
        <translation>Open this finding&apos;s explanation in the filling-in guide (or select it and press F1)</translation>
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
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>粘贴了 %1 行指标，表中还有 %2 行新建时自带的行尚未填写。</source>
        <translation>Pasted %1 indicator rows; %2 rows that came with the new form are still unfilled.</translation>
    </message>
    <message>
        <source>是否删除这些未用的行？</source>
        <translation>Remove these unused rows?</translation>
    </message>
    <message>
        <source>删除未用的行</source>
        <translation>Remove unused rows</translation>
    </message>
    <message>
        <source>保留</source>
        <translation>Keep</translation>
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
        <source>总额由下面三行自动合计；要按发布数填写请取消勾选</source>
        <translation>The total is the sum of the three rows below; to enter the published figures, untick “Sum total automatically”</translation>
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
    <name>HelpWindow</name>
    <message>
        <source>填表说明</source>
        <translation>Filling-in guide</translation>
    </message>
    <message>
        <source>查找（回车：下一处；Shift+回车：上一处）</source>
        <translation>Find (Enter: next; Shift+Enter: previous)</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>上一处</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>下一处</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>回到点击链接之前的位置（Alt+←）</source>
        <translation>Go back to where you were before following the link (Alt+←)</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>回到说明开头的目录</source>
        <translation>Back to the table of contents at the top of the guide</translation>
    </message>
    <message>
        <source>无法读取填表说明（%1）：%2</source>
        <translation>Cannot read the filling-in guide (%1): %2</translation>
    </message>
    <message>
        <source>未找到</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <source>拖动行号可移动该行；点击行号选中整行</source>
        <translation>Drag a row number to move the row; click it to select the whole row</translation>
    </message>
    <message>
        <source>第 %1 行 · %2</source>
        <translation>Row %1 · %2</translation>
    </message>
    <message>
        <source>自评等级：%1</source>
        <translation>Grade: %1</translation>
    </message>
    <message>
        <source>按数值计分</source>
        <translation>scored by the figures</translation>
    </message>
    <message>
        <source>请选择等级</source>
        <translation>choose a grade</translation>
    </message>
    <message>
        <source>定量指标：%1可与%2比较，建议得分按公式计算，不需要评价等级</source>
        <translation>Quantitative indicator: the %1 can be compared with the %2 as numbers; the suggested score follows the formula, no grade is needed</translation>
    </message>
    <message>
        <source>定性指标：%1无法与%2按数值比较，请选择评价等级；建议得分按等级给出：%3 80%–100%，%4 60%–80%（不含 80%），%5 0–60%（不含 60%）</source>
        <translation>Qualitative indicator: the %1 cannot be compared with the %2 as numbers, choose a grade; the suggested score follows the grade: %3 80%–100%, %4 60%–80% (80% excluded), %5 0–60% (60% excluded)</translation>
    </message>
    <message>
        <source>该等级的得分范围：%1–%2</source>
        <translation>Score range for this grade: %1–%2</translation>
    </message>
    <message>
        <source>该等级的得分范围：不低于 %1 且低于 %2</source>
        <translation>Score range for this grade: at least %1 and below %2</translation>
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
        <source>自评等级按总分评定：优 ≥ 90，良 80–90（不含 90），中 60–80（不含 80），差 &lt; 60；尚未评分时显示 —</source>
        <translation>The grade follows the total score: Excellent ≥ 90, Good 80–90 (90 excluded), Fair 60–80 (80 excluded), Poor &lt; 60; — while nothing is scored yet</translation>
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
        <source>新建自评表：标准框架、空白表，或从已有自评表开始</source>
        <translation>New form: the standard skeleton, an empty form, or starting from an existing form</translation>
    </message>
    <message>
        <source>检查(&amp;K)</source>
        <translation>Chec&amp;k</translation>
    </message>
    <message>
        <source>现在就检查整张表并列出问题（新建的表在填写前不显示检查结果）</source>
        <translation>Check the whole form now and list the problems (a new form shows no findings before it is filled in)</translation>
    </message>
    <message>
        <source>从 Excel/WPS 工作簿（.xlsx、.xls、.ods）或公开的 PDF 导入自评表</source>
        <translation>Import forms from an Excel/WPS workbook (.xlsx, .xls, .ods) or a published PDF</translation>
    </message>
    <message>
        <source>打开文件夹(&amp;D)…</source>
        <translation>Open &amp;Folder…</translation>
    </message>
    <message>
        <source>项目一览：列出文件夹（含子文件夹）中的全部自评表，可排序、筛选、汇总</source>
        <translation>Project list: every form in a folder (and its subfolders), sortable, filterable, with totals</translation>
    </message>
    <message>
        <source>新建下一年度(&amp;Y)…</source>
        <translation>Next &amp;Year&apos;s Form…</translation>
    </message>
    <message>
        <source>由当前自评表新建下一年度的表：沿用项目和指标，清空金额和完成情况</source>
        <translation>Start next year&apos;s form from this one: project and indicators kept, amounts and results cleared</translation>
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
        <source>打印自评等级(&amp;G)</source>
        <translation>Print the &amp;Grade</translation>
    </message>
    <message>
        <source>导出 PDF、打印预览和打印时在总分下加印一行自评等级（纸质表默认没有这一行）</source>
        <translation>Add a self-evaluation grade row under the total score when exporting PDF, previewing and printing (the paper form has no such row)</translation>
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
        <source>填表说明(&amp;G)</source>
        <translation>Filling-in &amp;guide</translation>
    </message>
    <message>
        <source>怎样填表、得分和等级从何而来、每条检查结果的含义和改法、快捷键</source>
        <translation>How to fill in the form, where scores and grades come from, what each finding means and how to fix it, keyboard shortcuts</translation>
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
        <source>语言(&amp;L)：%1</source>
        <translation>&amp;Language: %1</translation>
    </message>
    <message>
        <source>%1（重启后生效）</source>
        <translation>%1 (after a restart)</translation>
    </message>
    <message>
        <source>界面语言将在重新启动 perfeval-gui 后更改。</source>
        <translation>The interface language changes when perfeval-gui is restarted.</translation>
    </message>
    <message>
        <source>立即重启</source>
        <translation>Restart now</translation>
    </message>
    <message>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>无法重启</source>
        <translation>Cannot restart</translation>
    </message>
    <message>
        <source>找不到程序：%1</source>
        <translation>Program not found: %1</translation>
    </message>
    <message>
        <source>没有重启：窗口未关闭</source>
        <translation>Not restarted: the window was not closed</translation>
    </message>
    <message>
        <source>执行率 %1&#x3000;资金得分 %2&#x3000;总分 %3&#x3000;自评等级 %4</source>
        <translation>Execution rate %1   Funding score %2   Total score %3   Grade %4</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
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
    <name>NewForm</name>
    <message>
        <source>产出、效益、满意度下的标准分类各占一行（一级、二级已填好），分值留空，只需填写各行指标</source>
        <translation>One row per standard category of output, benefit and satisfaction (level 1 and 2 filled in), weights left empty: just fill in each row&apos;s indicator</translation>
    </message>
    <message>
        <source>没有指标行，逐行添加或从 Excel/WPS 粘贴</source>
        <translation>No indicator rows: add them one by one or paste them from Excel/WPS</translation>
    </message>
    <message>
        <source>选一张自评表（.json、Excel/WPS 工作簿或公开的 PDF）复制为下一年度：保留项目、目标和指标，清空当年的金额、完成情况和得分</source>
        <translation>Pick a form (.json, Excel/WPS workbook or published PDF) and copy it as next year&apos;s: the project, goals and indicators are kept; this year&apos;s amounts, results and scores are cleared</translation>
    </message>
    <message>
        <source>标准框架</source>
        <translation>Standard skeleton</translation>
    </message>
    <message>
        <source>空白表</source>
        <translation>Empty form</translation>
    </message>
    <message>
        <source>从已有自评表开始…</source>
        <translation>Start from an existing form…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>新建自评表</source>
        <translation>New form</translation>
    </message>
    <message>
        <source>新建哪一种自评表？</source>
        <translation>Which kind of form do you want to create?</translation>
    </message>
    <message>
        <source>无法新建</source>
        <translation>Cannot create the form</translation>
    </message>
    <message>
        <source>已按“%1”新建 %2 年度自评表（尚未保存）；已清空：%3</source>
        <translation>Created the %2 form from “%1” (not saved yet); cleared: %3</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>正在读取 %1 …</source>
        <translation>Reading %1 …</translation>
    </message>
    <message>
        <source>无法读取自评表</source>
        <translation>Cannot read the form</translation>
    </message>
    <message>
        <source>选择自评表</source>
        <translation>Choose a form</translation>
    </message>
    <message>
        <source>“%1”中有 %2 张自评表，请选择从哪一张开始：</source>
        <translation>“%1” holds %2 forms. Choose the one to start from:</translation>
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
    <name>PortfolioActions</name>
    <message>
        <source>导出一览</source>
        <translation>Export List</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv);;PDF (*.pdf)</source>
        <translation>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>批量导出 PDF</source>
        <translation>Export PDFs</translation>
    </message>
    <message>
        <source>批量导出 Excel</source>
        <translation>Export Workbooks</translation>
    </message>
    <message>
        <source>新建下一年度</source>
        <translation>Next Year&apos;s Forms</translation>
    </message>
    <message>
        <source>成功 %1 个，未成功 %2 个</source>
        <translation>%1 done, %2 failed</translation>
    </message>
    <message>
        <source>已取消，其余的没有处理</source>
        <translation>Cancelled; the rest were not processed</translation>
    </message>
    <message>
        <source>未成功：</source>
        <translation>Failed:</translation>
    </message>
    <message>
        <source>已完成：</source>
        <translation>Done:</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>沿用：%1</source>
        <translation>Kept: %1</translation>
    </message>
    <message>
        <source>已清空：%1</source>
        <translation>Cleared: %1</translation>
    </message>
    <message>
        <source>正在检查</source>
        <translation>Checking</translation>
    </message>
    <message>
        <source>项目一览.xlsx</source>
        <translation>project-list.xlsx</translation>
    </message>
    <message>
        <source>正在导出</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <source>把 PDF 导出到文件夹</source>
        <translation>Export the PDFs into a folder</translation>
    </message>
    <message>
        <source>正在导出 PDF</source>
        <translation>Exporting PDFs</translation>
    </message>
    <message>
        <source>把工作簿导出到文件夹</source>
        <translation>Export the workbooks into a folder</translation>
    </message>
    <message>
        <source>正在导出 Excel</source>
        <translation>Exporting workbooks</translation>
    </message>
    <message>
        <source>把下一年度的表写入文件夹</source>
        <translation>Write next year&apos;s forms into a folder</translation>
    </message>
    <message>
        <source>正在新建下一年度</source>
        <translation>Writing next year&apos;s forms</translation>
    </message>
</context>
<context>
    <name>PortfolioBatch</name>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1：%2 个错误，%3 个警告</source>
        <translation>%1: %2 errors, %3 warnings</translation>
    </message>
    <message>
        <source>已导出 %1（%2 行）</source>
        <translation>Exported %1 (%2 rows)</translation>
    </message>
    <message>
        <source>%1：工作簿中的表请先导入为 .json 再导出 PDF</source>
        <translation>%1: import a workbook&apos;s forms as .json before exporting PDFs</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>（有 %1 个错误，已标为草稿）</source>
        <translation> (%1 errors: marked as a draft)</translation>
    </message>
    <message>
        <source>%1：已是工作簿</source>
        <translation>%1: already a workbook</translation>
    </message>
    <message>
        <source>（注意：%1）</source>
        <translation> (note: %1)</translation>
    </message>
    <message>
        <source>%1：工作簿中的表请先导入为 .json</source>
        <translation>%1: import a workbook&apos;s forms as .json first</translation>
    </message>
    <message>
        <source>无法新建下一年度</source>
        <translation>Cannot start next year&apos;s form</translation>
    </message>
    <message>
        <source>已新建 %1 年度的自评表（尚未保存）。沿用：%2。已清空：%3。</source>
        <translation>Next year&apos;s form (%1) started, not saved yet. Kept: %2. Cleared: %3.</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PortfolioColumns</name>
    <message>
        <source>资金得分</source>
        <translation>Funding score</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>PortfolioModel</name>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>无法读取：%1</source>
        <translation>Cannot read: %1</translation>
    </message>
</context>
<context>
    <name>PortfolioTotals</name>
    <message>
        <source>筛选结果</source>
        <translation>Filtered</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>%1（%2 个表，%3 个文件无法读取）：%B %4 %U · %E %5 %U · 总执行率 %6 · 平均总分 %7 · 总分中位数 %8</source>
        <translation>%1 (%2 forms, %3 files unreadable): %B %4 %U · %E %5 %U · overall execution rate %6 · mean total score %7 · median %8</translation>
    </message>
    <message>
        <source>自评等级：%1 · 未评 %2 ｜ 有错误的表 %3</source>
        <translation>Grades: %1 · not graded %2 | forms with errors %3</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source> ｜ 问题（表数）：%1</source>
        <translation> | findings (forms): %1</translation>
    </message>
</context>
<context>
    <name>PortfolioWindow</name>
    <message>
        <source>项目一览</source>
        <translation>Project List</translation>
    </message>
    <message>
        <source>打开文件夹(&amp;O)…</source>
        <translation>&amp;Open Folder…</translation>
    </message>
    <message>
        <source>列出文件夹（含子文件夹）中的全部自评表</source>
        <translation>List every form in a folder and its subfolders</translation>
    </message>
    <message>
        <source>检查(&amp;C)</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>重新读取并检查所选的表（未选时为全部）</source>
        <translation>Read and check the selected forms again (all when none is selected)</translation>
    </message>
    <message>
        <source>导出一览(&amp;E)…</source>
        <translation>&amp;Export List…</translation>
    </message>
    <message>
        <source>把列表（按当前筛选和排序）及合计导出为 .xlsx、.csv 或 PDF</source>
        <translation>Export the list (as filtered and sorted) with its totals as .xlsx, .csv or PDF</translation>
    </message>
    <message>
        <source>批量导出 PDF(&amp;P)…</source>
        <translation>Export &amp;PDFs…</translation>
    </message>
    <message>
        <source>为所选的表（未选时为列表中全部）各导出一份 PDF 到一个文件夹</source>
        <translation>Export one PDF per selected form (all listed when none is selected) into a folder</translation>
    </message>
    <message>
        <source>批量导出 Excel(&amp;X)…</source>
        <translation>Export &amp;Workbooks…</translation>
    </message>
    <message>
        <source>为所选的表（未选时为列表中全部）各导出一个 Excel 工作簿到一个文件夹</source>
        <translation>Export one Excel workbook per selected form (all listed when none is selected) into a folder</translation>
    </message>
    <message>
        <source>新建下一年度(&amp;N)…</source>
        <translation>&amp;Next Year&apos;s Forms…</translation>
    </message>
    <message>
        <source>为所选的表各新建下一年度的自评表，写入一个文件夹（不覆盖已有文件）</source>
        <translation>Write next year&apos;s form of each selected form into a folder (existing files are never overwritten)</translation>
    </message>
    <message>
        <source>筛选：%1或文件名</source>
        <translation>Filter: %1 or file name</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>全部等级</source>
        <translation>All grades</translation>
    </message>
    <message>
        <source>未评</source>
        <translation>Not graded</translation>
    </message>
    <message>
        <source>只看有问题的</source>
        <translation>Problems only</translation>
    </message>
    <message>
        <source>只列出有错误或警告的表和无法读取的文件</source>
        <translation>List only forms with errors or warnings, and files that could not be read</translation>
    </message>
    <message>
        <source>金额单位</source>
        <translation>Amount unit</translation>
    </message>
    <message>
        <source>打开所选的表</source>
        <translation>Open the selected form</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <source>项目一览 — %1</source>
        <translation>Project List — %1</translation>
    </message>
    <message>
        <source>正在读取</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>已列出 %1 个表，%2 个文件无法读取（%3 秒）</source>
        <translation>%1 forms listed, %2 files could not be read (%3 s)</translation>
    </message>
    <message>
        <source>已取消读取；</source>
        <translation>Reading cancelled; </translation>
    </message>
    <message>
        <source>；读取中断：%1</source>
        <translation>; reading stopped: %1</translation>
    </message>
    <message>
        <source>正在更新</source>
        <translation>Updating</translation>
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
        <source>导出和打印时在总分下加印自评等级</source>
        <translation>Export and print add the self-evaluation grade under the total score</translation>
    </message>
    <message>
        <source>导出和打印与纸质表一致，不印自评等级</source>
        <translation>Export and print follow the paper form, without the self-evaluation grade</translation>
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
        <source>选择已有自评表</source>
        <translation>Choose an existing form</translation>
    </message>
    <message>
        <source>自评表、工作簿或 PDF (*.json *.xlsx *.xlsm *.xls *.ods *.pdf);;自评表文件 (*.json);;工作簿 (*.xlsx *.xlsm *.xls *.ods);;PDF (*.pdf);;所有文件 (*)</source>
        <translation>Forms, workbooks or PDFs (*.json *.xlsx *.xlsm *.xls *.ods *.pdf);;Form files (*.json);;Workbooks (*.xlsx *.xlsm *.xls *.ods);;PDF (*.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>导入工作簿或 PDF</source>
        <translation>Import a workbook or PDF</translation>
    </message>
    <message>
        <source>工作簿或 PDF (*.xlsx *.xlsm *.xls *.ods *.pdf);;工作簿 (*.xlsx *.xlsm *.xls *.ods);;PDF (*.pdf);;所有文件 (*)</source>
        <translation>Workbooks or PDFs (*.xlsx *.xlsm *.xls *.ods *.pdf);;Workbooks (*.xlsx *.xlsm *.xls *.ods);;PDF (*.pdf);;All files (*)</translation>
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
        <source>工作表或页</source>
        <translation>Sheet or page</translation>
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
