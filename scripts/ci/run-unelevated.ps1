<#
.SYNOPSIS
  Runs a command as the current user without elevation, as from a normal (not "Run as administrator")
  prompt, and exits with the command's exit code.

.DESCRIPTION
  A GitHub-hosted Windows runner runs each step as an elevated administrator, with UAC on (EnableLUA=1) but
  elevating without a prompt. A scheduled task for the same user with the S4U logon (no password needed) and
  RunLevel Limited gets that user's filtered token, the one a normal prompt has: medium integrity, the
  Administrators group for deny only. The task does not inherit this step's environment, so the variables
  the command needs are written into its wrapper. Its output goes to -LogFile, printed here when it ends.

  The smoke script's own "elevation" check reports which token the command really had; the verdict
  (scripts/ci/smoke-verdict.ts) says so when the runner could not drop elevation.

.EXAMPLE
  pwsh scripts/ci/run-unelevated.ps1 -LogFile ci-reports/unelevated.log -- node --import tsx scripts/ci/smoke.ts ...
#>
# Only -LogFile and the other named parameters bind by name; every other argument is the command.
[CmdletBinding(PositionalBinding = $false)]
param(
  [Parameter(Mandatory = $true)] [string] $LogFile,
  [int] $TimeoutMinutes = 20,
  [string[]] $PassEnvironment = @('PATH', 'CI', 'HCS_DESKTOP_HCS_API', 'HCS_CI_REPORTS', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY'),
  [Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)] [string[]] $Command
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The end-of-parameters marker `--` separates this script's parameters from the command; it is not part of it.
if ($Command.Count -gt 0 -and $Command[0] -eq '--') { $Command = @($Command | Select-Object -Skip 1) }
if ($Command.Count -eq 0) { throw 'no command given after --' }

$work = Join-Path ([System.IO.Path]::GetTempPath()) ("hcs-unelevated-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $work | Out-Null
$LogFile = [System.IO.Path]::GetFullPath($LogFile)
New-Item -ItemType Directory -Force -Path (Split-Path -Parent $LogFile) | Out-Null
$exitFile = Join-Path $work 'exit-code.txt'
$wrapper = Join-Path $work 'run.cmd'

# cmd quoting: every argument in double quotes (none of ours contains one).
foreach ($arg in $Command) {
  if ($arg.Contains('"')) { throw "an argument contains a double quote, which this wrapper cannot pass: $arg" }
}
$commandLine = ($Command | ForEach-Object { '"' + $_ + '"' }) -join ' '
$lines = @('@echo off', "cd /d `"$((Get-Location).Path)`"")
foreach ($name in $PassEnvironment) {
  $value = [System.Environment]::GetEnvironmentVariable($name)
  if ($null -ne $value) { $lines += "set `"$name=$value`"" }
}
$lines += "call $commandLine > `"$LogFile`" 2>&1"
$lines += "echo %ERRORLEVEL%> `"$exitFile`""
Set-Content -Path $wrapper -Value $lines -Encoding Ascii

$taskName = 'hcs-desktop-unelevated-' + [guid]::NewGuid().ToString('N')
$user = [System.Security.Principal.WindowsIdentity]::GetCurrent().Name
$action = New-ScheduledTaskAction -Execute 'cmd.exe' -Argument "/d /c `"$wrapper`""
$principal = New-ScheduledTaskPrincipal -UserId $user -LogonType S4U -RunLevel Limited
$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Minutes $TimeoutMinutes) `
  -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries
Register-ScheduledTask -TaskName $taskName -Action $action -Principal $principal -Settings $settings | Out-Null
try {
  Start-ScheduledTask -TaskName $taskName
  Write-Host "started the command as $user, not elevated (scheduled task $taskName)"
  $deadline = (Get-Date).AddMinutes($TimeoutMinutes)
  # The wrapper writes the exit code as its last act; the task's state says whether it is still running.
  while (-not (Test-Path $exitFile)) {
    $task = Get-ScheduledTask -TaskName $taskName
    if ($task.State -eq 'Ready') {
      # 0x41303: has not run yet; 0x41301: running. Any other result with no exit code means it never ran.
      $result = (Get-ScheduledTaskInfo -TaskName $taskName).LastTaskResult
      if ($result -ne 0x41303 -and $result -ne 0x41301 -and -not (Test-Path $exitFile)) {
        throw ("the scheduled task ended without running the command (last result 0x{0:x8})" -f $result)
      }
    }
    if ((Get-Date) -gt $deadline) { throw "the command did not finish within $TimeoutMinutes minutes" }
    Start-Sleep -Seconds 2
  }
} finally {
  Unregister-ScheduledTask -TaskName $taskName -Confirm:$false -ErrorAction SilentlyContinue
}

if (Test-Path $LogFile) { Get-Content -Path $LogFile | Write-Host }
$code = [int]((Get-Content -Path $exitFile -Raw).Trim())
Remove-Item -Recurse -Force $work
Write-Host "the non-elevated command exited $code"
exit $code
