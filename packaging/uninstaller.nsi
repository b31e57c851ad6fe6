; baocao-gui's uninstaller, uninstall.exe: an ordinary NSIS program, not an NSIS `WriteUninstaller` one.
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DFILES=build\nsis -DICONS=src\baocao_gui\resources\icons
;            -DOUTFILE=build\nsis\uninstall.exe packaging\uninstaller.nsi
;
; Why not NSIS's own uninstaller: started without `_?=`, it copies itself to %TEMP%, starts the copy and
; exits at once with 0, before any of the script runs — so `uninstall.exe /S` said 0 even when the
; uninstall was then refused because the program was open. This one runs in place and waits: its exit code
; is the outcome (0 removed, 1 cancelled, 2 refused: the program is open). A running program cannot delete
; its own .exe, so at the very end it starts a copy of itself from %TEMP% (`/XOA=folder`), which waits until
; uninstall.exe can be deleted, deletes it and the folder if that is then empty. The installer deletes that
; copy the next time it runs.
;
; It deletes exactly the files the installer wrote (uninstall-files.nsh, from the build), each folder only if
; empty (never RMDir /r): workbooks and exports saved anywhere, even inside the program's folder, stay; so do
; the log folder and the settings. The association and registry entries go only if they are still this
; folder's.

!include "common.nsh"
!ifndef OUTFILE
  !define OUTFILE "uninstall.exe"
!endif

Name "${APP_VI} ${VERSION}"
Caption "Gỡ cài đặt ${APP_VI}"
OutFile "${OUTFILE}"
BrandingText "${APP} ${VERSION}"
InstallButtonText "Gỡ cài đặt"
SubCaption 3 ": Đang gỡ cài đặt"
SubCaption 4 ": Đã gỡ xong"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${APP_VI}"
VIAddVersionKey /LANG=1066 "FileDescription" "Gỡ cài đặt chương trình soạn báo cáo năm"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${APP}"

!define HELPER "$TEMP\${APP}-uninstall-helper.exe"

!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "Dừng gỡ cài đặt ${APP_VI}?"
!define MUI_WELCOMEPAGE_TITLE "Gỡ cài đặt ${APP_VI}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình ${APP_VI} sẽ được gỡ khỏi máy, cùng các lối tắt của nó.$\r$\n$\r$\nCác sổ báo cáo (.baocao) và tệp Word đã xuất được giữ nguyên, kể cả khi chúng nằm trong thư mục của chương trình.$\r$\n$\r$\nBấm Gỡ cài đặt để tiếp tục."
!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_HEADER_TEXT "Đang gỡ cài đặt"
!define MUI_PAGE_HEADER_SUBTEXT "Xin chờ trong khi ${APP_VI} được gỡ khỏi máy."
!define MUI_INSTFILESPAGE_FINISHHEADER_TEXT "Đã gỡ xong"
!define MUI_INSTFILESPAGE_FINISHHEADER_SUBTEXT "${APP_VI} đã được gỡ khỏi máy."
!define MUI_INSTFILESPAGE_ABORTHEADER_TEXT "Chưa gỡ được"
!define MUI_INSTFILESPAGE_ABORTHEADER_SUBTEXT "${APP_VI} chưa được gỡ khỏi máy."
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "Đã gỡ cài đặt ${APP_VI}"
!define MUI_FINISHPAGE_TEXT "${APP_VI} đã được gỡ khỏi máy. Các sổ báo cáo và tệp Word đã xuất vẫn còn nguyên.$\r$\n$\r$\nBấm Hoàn thành để đóng."
!insertmacro MUI_PAGE_FINISH
!insertmacro VIETNAMESE

LangString SHORTCUT ${LANG_VIETNAMESE} "${APP_VI}"
LangString UNINSTALL_SHORTCUT ${LANG_VIETNAMESE} "Gỡ cài đặt ${APP_VI}"
LangString KEPT ${LANG_VIETNAMESE} "Các sổ báo cáo (.baocao) và tệp Word đã xuất được giữ nguyên."

Function .onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/XOA=" $R1
  ${IfNot} ${Errors}
    Call DeleteUninstaller
    Quit
  ${EndIf}
  StrCpy $INSTDIR $EXEDIR  ; always its own folder (an older caller's `_?=folder` names the same one)
FunctionEnd

; The copy in %TEMP%: wait (≤ 30 s) until the finished uninstaller has exited, delete it, then the folder
; if it is empty. Never anything else.
Function DeleteUninstaller
  ${If} $R1 == ""
    Return
  ${EndIf}
  StrCpy $R2 0
  ${Do}
    Delete "$R1\${UNINSTALLER}"
    ${IfNot} ${FileExists} "$R1\${UNINSTALLER}"
      ${Break}
    ${EndIf}
    Sleep 100
    IntOp $R2 $R2 + 1
  ${LoopUntil} $R2 >= 300
  RMDir "$R1"
FunctionEnd

Section "-Remove"
  SetShellVarContext current
  !insertmacro CHECK_NOT_RUNNING "$INSTDIR"
  ReadRegStr $R0 HKCU "${INSTALLER_KEY}" "InstallDir"
  ${If} $R0 == ""
  ${OrIf} $R0 == $INSTDIR
    ; The shortcuts and the registry are this folder's (not another install's, which cannot normally exist:
    ; the installer keeps one install per user).
    Delete "$DESKTOP\$(SHORTCUT).lnk"
    Delete "$SMPROGRAMS\${APP_VI}\$(SHORTCUT).lnk"
    Delete "$SMPROGRAMS\${APP_VI}\$(UNINSTALL_SHORTCUT).lnk"
    RMDir "$SMPROGRAMS\${APP_VI}"
    ; The association goes only if it is still ours; another program may have taken .baocao since.
    ReadRegStr $0 HKCU "Software\Classes\.baocao" ""
    ${If} $0 == "${PROGID}"
      DeleteRegKey HKCU "Software\Classes\.baocao"
    ${EndIf}
    DeleteRegKey HKCU "Software\Classes\${PROGID}"
    DeleteRegKey HKCU "Software\Classes\Applications\${EXE}"
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
    DeleteRegKey HKCU "${UNINST_KEY}"
    DeleteRegKey HKCU "${INSTALLER_KEY}"
    DeleteRegKey /ifempty HKCU "Software\${APP}"
  ${EndIf}

  ; Only what the installer wrote: each file by name, then each folder if it is empty (never RMDir /r).
  !include "${FILES}\uninstall-files.nsh"
  DetailPrint "$(KEPT)"

  ; uninstall.exe itself, once this process has exited: a copy from %TEMP% deletes it.
  CopyFiles /SILENT "$EXEPATH" "${HELPER}"
  ${If} ${FileExists} "${HELPER}"
    Exec '"${HELPER}" /XOA="$INSTDIR"'
  ${EndIf}
SectionEnd
