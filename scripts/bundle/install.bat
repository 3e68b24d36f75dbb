@echo off
rem 离线安装 summarygen（Windows）：不需要联网。
rem 双击运行，或在命令提示符里运行：install.bat [虚拟环境文件夹]
rem 在虚拟环境（默认 %LOCALAPPDATA%\summarygen\venv）里安装本文件夹 wheels 中的软件包，
rem 把 summarygen 命令放进 %LOCALAPPDATA%\summarygen\bin 并加到本用户的 Path，
rem 再在桌面上放一个“summarygen 命令行”，双击即可打开能用 summarygen 的窗口。
setlocal EnableExtensions
set "HERE=%~dp0"
set "APPDIR=%LOCALAPPDATA%\summarygen"
set "VENV=%APPDIR%\venv"
if not "%~1"=="" set "VENV=%~1"
set "BIN=%APPDIR%\bin"

rem 找一个本安装包支持的 Python：先用 py 启动器，再用 PATH 上的 python
set "PY="
for %%v in (3.13 3.12 3.11 3.10) do (
  if not defined PY (
    py -%%v -c "import sys" >nul 2>nul && set "PY=py -%%v"
  )
)
if not defined PY (
  python -c "import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))" >nul 2>nul && set "PY=python"
)
if not defined PY goto nopython

echo 正在用 %PY% 安装到 %VENV% ……
%PY% -m venv "%VENV%"
if errorlevel 1 goto failed
"%VENV%\Scripts\python.exe" -m pip install --quiet --no-index --find-links "%HERE%wheels" --upgrade summarygen-gongwen
if errorlevel 1 goto failed

rem 只把 bin 文件夹加到 Path（虚拟环境的 Scripts 里还有 python.exe，不能让它盖过本机的 Python）
if not exist "%BIN%" mkdir "%BIN%"
> "%BIN%\summarygen.cmd" echo @"%VENV%\Scripts\summarygen.exe" %%*
set "SG_BIN=%BIN%"
powershell -NoProfile -ExecutionPolicy Bypass -Command "$d = $env:SG_BIN; $p = [Environment]::GetEnvironmentVariable('Path', 'User'); if (-not $p) { $p = '' }; if (($p -split ';') -notcontains $d) { [Environment]::SetEnvironmentVariable('Path', ($p.TrimEnd(';') + ';' + $d).TrimStart(';'), 'User') }"
if errorlevel 1 echo 没能把 %BIN% 加到 Path：请在“编辑账户的环境变量”里手工添加。

set "DESKTOP="
for /f "usebackq delims=" %%d in (`powershell -NoProfile -Command "[Environment]::GetFolderPath('Desktop')"`) do set "DESKTOP=%%d"
if not defined DESKTOP goto done
(
  echo @echo off
  echo set "PATH=%BIN%;%%PATH%%"
  echo cd /d "%%USERPROFILE%%\Documents"
  echo echo 在这里输入 summarygen 命令，如 summarygen --help、summarygen doctor
  echo cmd /k
) > "%DESKTOP%\summarygen 命令行.cmd"

:done
echo.
echo 安装完成：%BIN%\summarygen.cmd
echo 新打开的命令提示符窗口里可以直接运行 summarygen，如 summarygen --help；
echo 也可以双击桌面上的“summarygen 命令行”。先运行 summarygen doctor 检查字体。
pause
exit /b 0

:nopython
echo 没有找到 Python 3.10 至 3.13。请先安装 Python，安装时勾选“Add python.exe to PATH”，再运行本文件。
pause
exit /b 1

:failed
echo 安装没有完成。请把上面的提示截图发给信息化部门的同志。
pause
exit /b 1
