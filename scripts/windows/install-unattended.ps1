<#
.SYNOPSIS
  Runs HCS Desktop's web mode unattended on this Windows host: a scheduled task that starts at boot as SYSTEM
  (no desktop session needed), listening with TLS on the address you choose, its certificate, key and token in a
  directory only Administrators and SYSTEM can read, and an audit log of every state-changing request.

.DESCRIPTION
  docs/unattended.md explains each step and how to undo it. Run from an elevated PowerShell in a checkout of
  HCS Desktop where `npm ci` has run (Node.js 20.19 or later on PATH):

    scripts\windows\install-unattended.ps1 -Address build-3.corp.example -CertificateFile .\build-3.crt -KeyFile .\build-3.key

  It prints the URL and the certificate's SHA-256 fingerprint to give to the people who will add this host
  (HCS Desktop → Hosts… → paste the URL, then compare the fingerprint before trusting it).
  -Uninstall removes the task (and the firewall rule); the data directory is kept, since it holds the audit log.
#>
[CmdletBinding()]
param(
  [string] $Address,
  [int] $Port = 7380,
  [string] $CertificateFile,
  [string] $KeyFile,
  [string] $AppDir = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path,
  [string] $DataDir = (Join-Path $env:ProgramData 'HCS Desktop\server'),
  [string] $TaskName = 'HCS Desktop web mode',
  [switch] $OpenFirewall,
  [switch] $Uninstall
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$FirewallRule = "$TaskName (TCP $Port)"

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this from an elevated PowerShell (as Administrator): the task runs as SYSTEM and HCS needs administrators.'
}

if ($Uninstall) {
  Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false -ErrorAction SilentlyContinue
  Remove-NetFirewallRule -DisplayName $FirewallRule -ErrorAction SilentlyContinue
  Write-Host "Removed the task '$TaskName'. $DataDir (token, certificate, key, audit log) is kept: delete it yourself when done."
  return
}

if (-not $Address) { throw '-Address is required: the host name or IP address clients will use (it must be in the certificate).' }
if (-not $CertificateFile -or -not $KeyFile) { throw '-CertificateFile and -KeyFile are required (PEM): web mode beyond loopback speaks TLS only.' }
foreach ($file in @($CertificateFile, $KeyFile)) {
  if (-not (Test-Path -LiteralPath $file -PathType Leaf)) { throw "$file does not exist." }
}
$node = (Get-Command node -ErrorAction SilentlyContinue)
if (-not $node) { throw 'Node.js is not on PATH (HCS Desktop needs 20.19 or later).' }
if (-not (Test-Path -LiteralPath (Join-Path $AppDir 'node_modules\tsx'))) {
  throw "$AppDir has no node_modules: run 'npm ci' there first."
}

# The directory: closed to everyone but Administrators and SYSTEM (inheritance removed, so nothing from
# ProgramData's ACL lets Users read it); files created in it inherit that.
New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
& icacls.exe $DataDir /inheritance:r /grant:r '*S-1-5-32-544:(OI)(CI)F' '*S-1-5-18:(OI)(CI)F' | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls could not close $DataDir to Administrators and SYSTEM." }

$cert = Join-Path $DataDir 'server.crt'
$key = Join-Path $DataDir 'server.key'
$tokenFile = Join-Path $DataDir 'token'
$audit = Join-Path $DataDir 'audit.jsonl'
$log = Join-Path $DataDir 'server.log'
Copy-Item -LiteralPath $CertificateFile -Destination $cert -Force
Copy-Item -LiteralPath $KeyFile -Destination $key -Force
foreach ($file in @($cert, $key)) {
  & icacls.exe $file /inheritance:r /grant:r '*S-1-5-32-544:F' '*S-1-5-18:F' | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "icacls could not close $file." }
}
if (-not (Test-Path -LiteralPath $tokenFile)) {
  # 32 random bytes as hex: what web mode makes itself when it is given no token.
  $bytes = New-Object byte[] 32
  [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
  $token = -join ($bytes | ForEach-Object { $_.ToString('x2') })
  [IO.File]::WriteAllText($tokenFile, "$token`n")
}
& icacls.exe $tokenFile /inheritance:r /grant:r '*S-1-5-32-544:F' '*S-1-5-18:F' | Out-Null
$token = ([IO.File]::ReadAllText($tokenFile)).Trim()

# The task: at boot, as SYSTEM, restarted if it stops; output appended to server.log (which never holds the
# token: with --token-file the ready line names the file instead).
$serverArgs = @(
  '--require', "`"$AppDir\src\server\threadpool.cjs`"", '--import', 'tsx', "`"$AppDir\src\server\main.ts`"",
  '--backend', 'vmcompute', '--host', $Address, '--port', $Port,
  '--tls-cert', "`"$cert`"", '--tls-key', "`"$key`"", '--token-file', "`"$tokenFile`"",
  '--audit-log', "`"$audit`"", '--hosts-file', 'none'
) -join ' '
$action = New-ScheduledTaskAction -Execute 'cmd.exe' -WorkingDirectory $AppDir `
  -Argument "/d /c `"`"$($node.Source)`" $serverArgs >> `"$log`" 2>&1`""
$trigger = New-ScheduledTaskTrigger -AtStartup
$runAs = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -ExecutionTimeLimit ([TimeSpan]::Zero) `
  -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1)
Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Principal $runAs -Settings $settings -Force | Out-Null
if ($OpenFirewall) {
  Remove-NetFirewallRule -DisplayName $FirewallRule -ErrorAction SilentlyContinue
  New-NetFirewallRule -DisplayName $FirewallRule -Direction Inbound -Protocol TCP -LocalPort $Port -Action Allow | Out-Null
}
Start-ScheduledTask -TaskName $TaskName

$x509 = New-Object Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList $cert
$sha = [Security.Cryptography.SHA256]::Create().ComputeHash($x509.RawData)
$fingerprint = ($sha | ForEach-Object { $_.ToString('X2') }) -join ':'
$hostPart = if ($Address.Contains(':')) { "[$Address]" } else { $Address }
Write-Host "Started '$TaskName' (at boot, as SYSTEM). Audit log: $audit; output: $log"
Write-Host "Give these to the people who add this host (HCS Desktop → Hosts…):"
Write-Host "  URL:                 https://${hostPart}:$Port/?token=$token"
Write-Host "  SHA-256 fingerprint: $fingerprint"
