; Inno Setup script: a per-user installer for the one-folder build in dist\promptly.
; Build on Windows after `pyinstaller --noconfirm packaging\promptly.spec`:
;     iscc packaging\windows\promptly.iss
; Per-user (no admin rights): installs to %LOCALAPPDATA%\Programs\Promptly.

#define AppVersion "0.1.0"

[Setup]
AppId={{6F3C2B1E-7A54-4C1D-9E2B-5A0D7C3E9F11}
AppName=Promptly
AppVersion={#AppVersion}
AppPublisher=The Promptly developers
DefaultDirName={localappdata}\Programs\Promptly
DefaultGroupName=Promptly
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=Promptly-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\promptly.ico
UninstallDisplayIcon={app}\promptly.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "autostart"; Description: "Start Promptly when I log in"; GroupDescription: "Start:"

[Files]
Source: "..\..\dist\promptly\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Promptly"; Filename: "{app}\promptly.exe"
Name: "{group}\Uninstall Promptly"; Filename: "{uninstallexe}"

[Registry]
; The same value the settings' Autostart toggle writes (app/autostart.py): the toggle and the
; installer agree, so either can switch it off.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
    ValueName: "Promptly"; ValueData: """{app}\promptly.exe"""; Tasks: autostart; Flags: uninsdeletevalue

[Run]
Filename: "{app}\promptly.exe"; Description: "Start Promptly now"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "taskkill"; Parameters: "/im promptly.exe /f"; Flags: runhidden; RunOnceId: "StopPromptly"
