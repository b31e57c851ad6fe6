; baocao-gui: what the installer (installer.nsi) and the uninstaller (uninstaller.nsi) share.
;
; Both are built by packaging/build.sh (see packaging/README.md), which passes
;   -DVERSION=x.y.z  -DFILES=build\nsis  -DICONS=src\baocao_gui\resources\icons  -DOUTFILE=…
; FILES is where packaging/nsis_files.py wrote the file lists and lang\Vietnamese.{nlf,nsh}: NSIS's own
; Vietnamese files written in precomposed Unicode (NFC); the stock ones use combining tone marks.

; 64-bit like the program it installs (and wine64 runs it; the 32-bit stub would need wine32). The
; official NSIS for Windows ships only x86 stubs: there, -DTARGET=x86-unicode (same script, 32-bit stub).
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
  !error "makensis -DFILES=folder of install-files.nsh, uninstall-files.nsh and lang\ (nsis_files.py)"
!endif
!ifndef ICONS
  !error "makensis -DICONS=src\baocao_gui\resources\icons"
!endif

!define APP "baocao-gui"
!define APP_VI "Báo cáo"
!define EXE "baocao-gui.exe"
!define UNINSTALLER "uninstall.exe"
!define PROGID "baocao-gui.SoBaoCao"
!define INSTALLER_KEY "Software\${APP}\Installer"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define FILE_ICON "$INSTDIR\_internal\baocao_gui\resources\icons\baocao-file.ico"
; Qt 6 needs Windows 10 1809 (build 17763) or later; on older Windows the program cannot even start.
!define MIN_BUILD 17763

; Exit codes (the installer's and the uninstaller's): 0 done, 1 cancelled by the clerk,
; 2 refused: the program is open, or an install in another folder could not be removed first,
; 3 refused: Windows older than 10 1809.
!define EXIT_REFUSED 2
!define EXIT_TOO_OLD 3

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"

!define MUI_ICON "${ICONS}\baocao-gui.ico"
!define MUI_UNICON "${ICONS}\baocao-gui.ico"

; Refuse to overwrite or delete a running copy: a half-replaced program folder is worse than a retry.
; Windows refuses to open a running program for writing (so does wine). Silent: exit code 2 at once.
!macro CHECK_NOT_RUNNING DIR
  ${Do}
    ClearErrors
    ${IfNot} ${FileExists} "${DIR}\${EXE}"
      ${Break}
    ${EndIf}
    FileOpen $0 "${DIR}\${EXE}" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(RUNNING)" /SD IDCANCEL IDCANCEL`
      SetErrorLevel ${EXIT_REFUSED}
      Abort
    ${EndIf}
  ${Loop}
!macroend

; After the pages: NSIS's Vietnamese (its .nlf and MUI's .nsh) in the NFC copies nsis_files.py wrote,
; and the strings both programs show.
!macro VIETNAMESE
  !insertmacro MUI_LANGUAGEEX "${FILES}\lang" "Vietnamese"
  LangString RUNNING ${LANG_VIETNAMESE} "Chương trình ${APP_VI} đang mở. Hãy đóng chương trình rồi bấm Thử lại."
!macroend
