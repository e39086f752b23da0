; Inno Setup script: the Windows installer of 决算公开助手.
;
;   iscc /DAppVersion=0.1.0 packaging\installer.iss      (after python packaging\build.py)
;
; Packs dist\juesuan\ (the PyInstaller one-folder build) into dist\installer\juesuan-setup-VERSION.exe.
; The installer: installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\juesuan; adds a Start-menu shortcut and (a ticked option) a desktop
; shortcut; associates the .juesuan project-file extension (NAME.juesuan) with the app in
; HKCU\Software\Classes (a ticked option) and lists the app under "打开方式" for .json, for the
; NAME.juesuan.json project files of earlier versions; writes version and publisher
; metadata. The uninstaller removes the program, its shortcuts and its registry keys; the user's
; own data (settings, logs, recovery copies in %LOCALAPPDATA%\juesuan) stays unless the user
; answers 是 when asked — never in a silent uninstall. Needs Inno Setup 6.3 or later; the
; installer speaks Simplified Chinese where the compiler ships ChineseSimplified.isl (an
; official translation since Inno Setup 6.5), otherwise English only.

#define AppName "决算公开助手"
#define Publisher "juesuan"
#define ExeName "juesuan-gui.exe"
#define DataDirName "juesuan"
#define ProgId "juesuan.project"
#define BuildDir AddBackslash(SourcePath) + "..\dist\juesuan"

#if !FileExists(BuildDir + "\" + ExeName)
  #error dist\juesuan\juesuan-gui.exe is missing: run python packaging\build.py first
#endif
; The numeric version (0.1.0.0) comes from the built executable's version resource, which
; packaging\version_info.py generates from pyproject.toml; AppVersion may be passed with /D.
#define NumericVersion GetVersionNumbersString(BuildDir + "\" + ExeName)
#ifndef AppVersion
  #define AppVersion NumericVersion
#endif
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")

[Setup]
AppId={{16457986-48EB-4F8B-8677-62794F88DB40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
AppCopyright=Copyright © {#Publisher}
VersionInfoVersion={#NumericVersion}
VersionInfoProductVersion={#NumericVersion}
VersionInfoCompany={#Publisher}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; Per user, no administrator rights, no elevation prompt.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\juesuan
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#ExeName}
SetupIconFile=..\resources\icons\juesuan.ico
OutputDir=..\dist\installer
OutputBaseFilename=juesuan-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; PySide6 6.x (Qt 6) needs 64-bit Windows 10 1809 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
ChangesAssociations=yes
CloseApplications=yes

[Languages]
#if HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#if HaveChinese
chinesesimplified.AssocTask=将项目文件（*.juesuan）关联到{#AppName}，双击即可打开(&J)
chinesesimplified.FileTypeName={#AppName}项目
chinesesimplified.RemoveUserData=是否同时删除您的个人数据？%n%n%1%n%n这里有设置、日志和未保存项目的自动恢复副本。您的项目文件（*.juesuan）不在这里，不受影响。
#endif
english.AssocTask=&Associate project files (*.juesuan) with {#AppName}
english.FileTypeName={#AppName} project
english.RemoveUserData=Also delete your personal data?%n%n%1%n%nIt holds settings, logs and recovery copies of unsaved projects. Your project files (*.juesuan) are not there and are not affected.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "association"; Description: "{cm:AssocTask}"

[InstallDelete]
; An upgrade replaces the whole bundle: no library or Qt plugin of an older build stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#ExeName}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; .juesuan → juesuan.project → "{app}\juesuan-gui.exe" "%1", per user. On uninstall the values go,
; then the keys if nothing else is left in them (entries are undone in reverse order).
Root: HKCU; Subkey: "Software\Classes\.juesuan"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: association
Root: HKCU; Subkey: "Software\Classes\.juesuan\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: association
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:FileTypeName}"; Flags: uninsdeletekey; Tasks: association
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#ExeName},0"; Tasks: association
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" ""%1"""; Tasks: association
; Earlier versions named project files NAME.juesuan.json, and Windows goes by the last extension:
; offer the app under "打开方式" for .json without taking .json over.
Root: HKCU; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue uninsdeletekeyifempty; Tasks: association
; The app as an "Open with" choice, with its name and the types it opens.
Root: HKCU; Subkey: "Software\Classes\Applications\{#ExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#ExeName}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#ExeName},0"
Root: HKCU; Subkey: "Software\Classes\Applications\{#ExeName}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#ExeName}\SupportedTypes"; ValueType: string; ValueName: ".juesuan"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\Applications\{#ExeName}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""

[Run]
Filename: "{app}\{#ExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ After the program is gone, offer to delete the per-user data too (platformdirs puts settings,
  recovery copies and logs under %LOCALAPPDATA%\juesuan). The answer defaults to 否; a silent
  uninstall never deletes it. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\{#DataDirName}');
  if UninstallSilent or not DirExists(DataDir) then
    Exit;
  if SuppressibleMsgBox(FmtMessage(CustomMessage('RemoveUserData'), [DataDir]),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
  begin
    DelTree(DataDir, True, True, True);
    RegDeleteKeyIncludingSubkeys(HKCU, 'Software\{#DataDirName}');
  end;
end;
