; baocao-gui: the offline, per-user Windows installer (NSIS 3, Unicode, Vietnamese).
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DFILES=build\nsis -DICONS=src\baocao_gui\resources\icons
;            -DOUTFILE=dist\baocao-gui-0.1.0-setup.exe packaging\installer.nsi
;
; packaging/build.sh passes these (see packaging/README.md). FILES is the folder where
; packaging/nsis_files.py wrote install-files.nsh and the Vietnamese language files (NFC), and where
; build.sh compiled the uninstaller (uninstaller.nsi) first: uninstall.exe is installed as a file.
;
; - Windows 10 1809 (build 17763) or later, else one sentence and exit code 3, nothing installed.
; - One install per user: an install in another folder is removed first by its own uninstaller (which
;   keeps the clerk's workbooks); if that cannot be done (the program is open there), the installer
;   refuses with a sentence and exit code 2.
; - No administrator rights: installs into %LOCALAPPDATA%\Programs\baocao-gui, writes only HKCU.
; - Start-menu and desktop shortcuts; `.baocao` opens in the program, with its own icon.
; - The uninstaller deletes exactly the files it installed and the registry keys it wrote; workbooks,
;   exports, the log folder and the program's settings stay where they are.

!include "common.nsh"
!ifndef OUTFILE
  !define OUTFILE "baocao-gui-${VERSION}-setup.exe"
!endif

Name "${APP_VI} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${INSTALLER_KEY}" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${APP_VI}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt chương trình soạn báo cáo năm"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${APP}"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro VIETNAMESE

LangString SHORTCUT ${LANG_VIETNAMESE} "${APP_VI}"
LangString SHORTCUT_DESC ${LANG_VIETNAMESE} "Soạn báo cáo năm theo thể thức Nghị định 30/2020/NĐ-CP"
LangString UNINSTALL_SHORTCUT ${LANG_VIETNAMESE} "Gỡ cài đặt ${APP_VI}"
LangString FILE_TYPE ${LANG_VIETNAMESE} "Sổ báo cáo"
LangString TOO_OLD ${LANG_VIETNAMESE} "Không cài được ${APP_VI}: chương trình cần Windows 10 (phiên bản 1809) trở lên hoặc Windows 11."
LangString MOVING ${LANG_VIETNAMESE} "Gỡ bản cài đặt cũ ở"
LangString OTHER_INSTALL ${LANG_VIETNAMESE} "${APP_VI} đã được cài ở $R0 và chưa gỡ được (có thể chương trình đang mở ở đó); hãy đóng chương trình rồi cài lại, hoặc cài vào đúng thư mục đó."

Function .onInit
  ; Qt 6 cannot start on older Windows: say so instead of installing a program that shows nothing.
  ${IfNot} ${AtLeastBuild} ${MIN_BUILD}
    MessageBox MB_OK|MB_ICONSTOP "$(TOO_OLD)" /SD IDOK
    SetErrorLevel ${EXIT_TOO_OLD}
    Quit
  ${EndIf}
  Delete "$TEMP\${APP}-uninstall-helper.exe"  ; what an earlier uninstall left to delete itself
FunctionEnd

; One install per user. If the registry names another folder, that install is removed first by its own
; uninstaller, synchronously (`_?=` makes an NSIS uninstaller of an older build run in place and wait;
; the uninstaller of this build always does). Workbooks in the old folder stay there, as with any uninstall.
Function RemoveOtherInstall
  ReadRegStr $R0 HKCU "${INSTALLER_KEY}" "InstallDir"
  ${If} $R0 == ""
  ${OrIf} $R0 == $INSTDIR
  ${OrIfNot} ${FileExists} "$R0\${UNINSTALLER}"
    Return
  ${EndIf}
  DetailPrint "$(MOVING) $R0"
  ClearErrors
  ExecWait '"$R0\${UNINSTALLER}" /S _?=$R0' $R1
  ${If} ${Errors}
  ${OrIf} $R1 != 0
    MessageBox MB_OK|MB_ICONSTOP "$(OTHER_INSTALL)" /SD IDOK
    SetErrorLevel ${EXIT_REFUSED}
    Abort
  ${EndIf}
  ; An older build's uninstaller, run in place, cannot delete itself: do it for it.
  Delete "$R0\${UNINSTALLER}"
  RMDir "$R0"
FunctionEnd

Section "!${APP_VI}" SecProgram
  SectionIn RO
  SetShellVarContext current
  !insertmacro CHECK_NOT_RUNNING "$INSTDIR"
  Call RemoveOtherInstall
  ; _internal belongs to the program alone: clear it so no library of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  !include "${FILES}\install-files.nsh"
  SetOutPath "$INSTDIR"
  File "${FILES}\${UNINSTALLER}"

  CreateDirectory "$SMPROGRAMS\${APP_VI}"
  CreateShortcut "$SMPROGRAMS\${APP_VI}\$(SHORTCUT).lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "$(SHORTCUT_DESC)"
  CreateShortcut "$SMPROGRAMS\${APP_VI}\$(UNINSTALL_SHORTCUT).lnk" "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$DESKTOP\$(SHORTCUT).lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "$(SHORTCUT_DESC)"

  ; .baocao → the program, per user (HKCU\Software\Classes needs no administrator)
  WriteRegStr HKCU "Software\Classes\.baocao" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(FILE_TYPE)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "${FILE_ICON}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED

  WriteRegStr HKCU "${INSTALLER_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_VI} (${APP})"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd
