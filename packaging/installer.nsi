; baocao-gui: the offline, per-user Windows installer (NSIS 3, Unicode, Vietnamese).
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DFILES=build\nsis -DICONS=src\baocao_gui\resources\icons
;            -DOUTFILE=dist\baocao-gui-0.1.0-setup.exe packaging\installer.nsi
;
; packaging/build.sh passes these (see packaging/README.md). FILES is the folder where
; packaging/nsis_files.py wrote install-files.nsh and uninstall-files.nsh from dist/windows/baocao-gui.
;
; - No administrator rights: installs into %LOCALAPPDATA%\Programs\baocao-gui, writes only HKCU.
; - Start-menu and desktop shortcuts; `.baocao` opens in the program, with its own icon.
; - The uninstaller deletes exactly the files it installed and the registry keys it wrote; workbooks,
;   exports, the log folder and the program's settings stay where they are.

; 64-bit like the program it installs (and wine64 runs it; the 32-bit stub would need wine32). The
; official NSIS for Windows ships only x86 stubs: there, -DTARGET=x86-unicode (same installer, 32-bit stub).
!ifndef TARGET
  !define TARGET amd64-unicode
!endif
Target ${TARGET}
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 32
RequestExecutionLevel user

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z … (packaging/build.sh passes it from pyproject.toml)"
!endif
!ifndef FILES
  !error "makensis -DFILES=folder of install-files.nsh and uninstall-files.nsh"
!endif
!ifndef ICONS
  !error "makensis -DICONS=src\baocao_gui\resources\icons"
!endif
!ifndef OUTFILE
  !define OUTFILE "baocao-gui-${VERSION}-setup.exe"
!endif

!define APP "baocao-gui"
!define APP_VI "Báo cáo"
!define EXE "baocao-gui.exe"
!define PROGID "baocao-gui.SoBaoCao"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define FILE_ICON "$INSTDIR\_internal\baocao_gui\resources\icons\baocao-file.ico"

Name "${APP_VI} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}\Installer" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${APP_VI}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt chương trình soạn báo cáo năm"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${APP}"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICONS}\baocao-gui.ico"
!define MUI_UNICON "${ICONS}\baocao-gui.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

LangString SHORTCUT ${LANG_VIETNAMESE} "${APP_VI}"
LangString SHORTCUT_DESC ${LANG_VIETNAMESE} "Soạn báo cáo năm theo thể thức Nghị định 30/2020/NĐ-CP"
LangString UNINSTALL_SHORTCUT ${LANG_VIETNAMESE} "Gỡ cài đặt ${APP_VI}"
LangString FILE_TYPE ${LANG_VIETNAMESE} "Sổ báo cáo"
LangString KEPT ${LANG_VIETNAMESE} "Các sổ báo cáo (.baocao) và tệp Word đã xuất được giữ nguyên."
LangString RUNNING ${LANG_VIETNAMESE} "Chương trình ${APP_VI} đang mở. Hãy đóng chương trình rồi bấm Thử lại."

; Refuse to overwrite a running copy: a half-replaced program folder is worse than a retry.
!macro CHECK_NOT_RUNNING
  ${Do}
    ClearErrors
    ${IfNot} ${FileExists} "$INSTDIR\${EXE}"
      ${Break}
    ${EndIf}
    FileOpen $0 "$INSTDIR\${EXE}" a  ; Windows refuses to open a running program for writing
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(RUNNING)" /SD IDCANCEL IDCANCEL`
      Abort
    ${EndIf}
  ${Loop}
!macroend

Section "!${APP_VI}" SecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro CHECK_NOT_RUNNING
  ; _internal belongs to the program alone: clear it so no library of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  !include "${FILES}\install-files.nsh"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_VI}"
  CreateShortcut "$SMPROGRAMS\${APP_VI}\$(SHORTCUT).lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "$(SHORTCUT_DESC)"
  CreateShortcut "$SMPROGRAMS\${APP_VI}\$(UNINSTALL_SHORTCUT).lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\$(SHORTCUT).lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "$(SHORTCUT_DESC)"

  ; .baocao → the program, per user (HKCU\Software\Classes needs no administrator)
  WriteRegStr HKCU "Software\Classes\.baocao" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(FILE_TYPE)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "${FILE_ICON}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED

  WriteRegStr HKCU "Software\${APP}\Installer" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_VI} (${APP})"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro CHECK_NOT_RUNNING
  Delete "$DESKTOP\$(SHORTCUT).lnk"
  Delete "$SMPROGRAMS\${APP_VI}\$(SHORTCUT).lnk"
  Delete "$SMPROGRAMS\${APP_VI}\$(UNINSTALL_SHORTCUT).lnk"
  RMDir "$SMPROGRAMS\${APP_VI}"

  ; Only what the installer wrote: each file by name, then each folder if it is empty (never RMDir /r).
  !include "${FILES}\uninstall-files.nsh"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ; The association goes only if it is still ours; another program may have taken .baocao since.
  ReadRegStr $0 HKCU "Software\Classes\.baocao" ""
  StrCmp $0 "${PROGID}" 0 +2
  DeleteRegKey HKCU "Software\Classes\.baocao"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\${EXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${APP}\Installer"
  DeleteRegKey /ifempty HKCU "Software\${APP}"
  DetailPrint "$(KEPT)"
SectionEnd
