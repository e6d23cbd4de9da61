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
set "OPTS=%OPTS% -Xlog:disable -Xlog:all=warning:stderr"
"%JAVA%" %OPTS% -cp "%CP:~1%" org.handlelens.report.cli.HandleLensCli %*
