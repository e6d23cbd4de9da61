@echo off
rem HandleLens product launcher (Windows). Needs Java 21+ on PATH or in JAVA_HOME.
rem   handlelens [FILE...]     start the workbench
rem   handlelens info|handles|report|diff|symbols ...   run the command line
setlocal enabledelayedexpansion
set "HERE=%~dp0"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set "CMD=%~1"
for %%c in (info handles report diff symbols suspects objects help --help -h) do if /i "%CMD%"=="%%c" goto cli
for %%f in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%f"
"%JAVA%" -Xmx2g -jar "%LAUNCHER%" -data "%USERPROFILE%\handlelens-workspace" %*
goto :eof
:cli
set "CP="
for %%b in (model windbg etw symbols report) do for %%f in ("%HERE%plugins\org.handlelens.%%b_*.jar") do set "CP=!CP!;%%f"
for %%f in ("%HERE%plugins\com.fasterxml.jackson.core.jackson-core_*.jar") do set "CP=!CP!;%%f"
rem JVM options as in the POSIX launcher: HANDLELENS_JAVA_OPTS replaces the heap/GC part; ParallelGC (a
rem large index's columns are allocated at once); JVM warnings to stderr, never into the output.
set "OPTS=%HANDLELENS_JAVA_OPTS%"
if not defined OPTS set "OPTS=-Xmx2g -XX:+UseParallelGC"
set "OPTS=%OPTS% -Xlog:disable -Xlog:all=warning,cds*=error:stderr"
rem AppCDS archive of the command's classes in the per-user cache folder (the index cache's rule:
rem HANDLELENS_CACHE_DIR, else %LOCALAPPDATA%\HandleLens\cache), one per HandleLens version, JDK and command,
rem written by the JVM at the end of a run when missing or stale; skipped when the folder or the archive
rem cannot be written (the JVM would exit with 1) or HANDLELENS_CDS=0.
set "CDS="
if "%HANDLELENS_CDS%"=="0" goto run
set "CDSCMD="
for %%c in (info handles suspects report diff objects symbols) do if /i "%CMD%"=="%%c" set "CDSCMD=%%c"
if not defined CDSCMD goto run
if defined HANDLELENS_CACHE_DIR (set "CACHE=%HANDLELENS_CACHE_DIR%") else if defined LOCALAPPDATA (set "CACHE=%LOCALAPPDATA%\HandleLens\cache") else (set "CACHE=%USERPROFILE%\AppData\Local\HandleLens\cache")
set "VER=unknown"
for %%f in ("%HERE%plugins\org.handlelens.report_*.jar") do set "VER=%%~nf"
set "VER=!VER:org.handlelens.report_=!"
set "JDKV=unknown"
if defined JAVA_HOME if exist "%JAVA_HOME%\release" for /f "tokens=2 delims==" %%v in ('findstr /b "JAVA_RUNTIME_VERSION=" "%JAVA_HOME%\release"') do set "JDKV=%%~v"
set "JDKV=!JDKV:+=_!"
set "JDKV=!JDKV:-=_!"
rem the report jar's time in the name: a reinstalled jar gets a new archive (the JVM refuses a stale one on
rem every run without writing a new one)
set "STAMP="
for %%f in ("%HERE%plugins\org.handlelens.report_*.jar") do set "STAMP=%%~tf"
set "STAMP=!STAMP:/=!"
set "STAMP=!STAMP::=!"
set "STAMP=!STAMP: =_!"
set "STAMP=!STAMP:.=!"
set "JSA=%CACHE%\handlelens-!VER!-!STAMP!-jdk!JDKV!-%CDSCMD%.jsa"
if not exist "%CACHE%\" mkdir "%CACHE%" >nul 2>&1
if not exist "%CACHE%\" goto run
(type nul > "%CACHE%\.hl-write-test") >nul 2>&1 || goto run
del "%CACHE%\.hl-write-test" >nul 2>&1
if exist "!JSA!" ((>>"!JSA!" (call )) >nul 2>&1 || goto run)
set CDS="-XX:SharedArchiveFile=!JSA!" -XX:+AutoCreateSharedArchive
:run
"%JAVA%" %OPTS% %CDS% -cp "%CP:~1%" org.handlelens.report.cli.HandleLensCli %*
