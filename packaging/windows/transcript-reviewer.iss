; Inno Setup 6 script for the Windows installer of Transcript Reviewer.
; Build on Windows (see packaging/README.md):
;   py -3.11 -m venv .venv-build
;   .venv-build\Scripts\pip install ".[gui]" pyinstaller pyinstaller-hooks-contrib
;   .venv-build\Scripts\pyinstaller --noconfirm packaging\reviewer.spec
;   iscc packaging\windows\transcript-reviewer.iss
#define AppName "Transcript Reviewer"
#define AppVersion "0.1.0"
#define AppExe "transcript-reviewer.exe"

[Setup]
AppId={{6C1F9A52-3E0B-4C55-9D7E-0F4A3B8B2E11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Transcript Reviewer developers
DefaultDirName={autopf}\Transcript Reviewer
DefaultGroupName=Transcript Reviewer
OutputDir=..\..\dist
OutputBaseFilename=transcript-reviewer-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
; User projects live in %LOCALAPPDATA%\transcript-reviewer and are never touched by uninstall.
UninstallDisplayIcon={app}\{#AppExe}

[Files]
Source: "..\..\build\pyinstaller\dist\transcript-reviewer\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "gui"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
