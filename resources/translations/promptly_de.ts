<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
    <context>
        <name>Application</name>
        <message>
            <source>Promptly cannot start</source>
            <translation>Promptly kann nicht starten</translation>
        </message>
        <message>
            <source>Quit Promptly?</source>
            <translation>Promptly beenden?</translation>
        </message>
        <message>
            <source>There is no system tray, so this window is the only way to reach Promptly. Quit Promptly? Prompts stop until you start it again.</source>
            <translation>Es gibt keinen Infobereich, daher ist dieses Fenster der einzige Weg zu Promptly. Promptly beenden? Erinnerungen bleiben aus, bis Sie es wieder starten.</translation>
        </message>
        <message>
            <source>Promptly</source>
            <translation>Promptly</translation>
        </message>
        <message>
            <source>This window could not be opened; the log has the details.</source>
            <translation>Dieses Fenster konnte nicht geöffnet werden; das Protokoll enthält die Einzelheiten.</translation>
        </message>
        <message>
            <source>Database busy (another program is writing to it); retrying…</source>
            <translation>Datenbank belegt (ein anderes Programm schreibt gerade); neuer Versuch folgt…</translation>
        </message>
        <message>
            <source>Nothing is saved any more: the database file is gone</source>
            <translation>Es wird nichts mehr gespeichert: die Datenbankdatei ist fort</translation>
        </message>
        <message>
            <source>Promptly stopped saving</source>
            <translation>Promptly speichert nicht mehr</translation>
        </message>
        <message>
            <source>Team password</source>
            <translation>Team-Passwort</translation>
        </message>
        <message>
            <source>Your password on the team server:</source>
            <translation>Ihr Passwort auf dem Team-Server:</translation>
        </message>
        <message>
            <source>The team needs your password: choose “Team: password needed” in the tray menu.</source>
            <translation>Das Team braucht Ihr Passwort: Wählen Sie „Team: Passwort nötig“ im Menü des Infobereichs.</translation>
        </message>
    </context>
    <context>
        <name>CapturePage</name>
        <message>
            <source>Mail capture</source>
            <translation>Mail-Erfassung</translation>
        </message>
        <message>
            <source>Mail you flag in any mail client becomes a request: received from the sender (Inbox), made to the first recipient (Sent). Your replies acknowledge them.</source>
            <translation>Eine Mail, die Sie in einem beliebigen Mailprogramm markieren, wird zur Anfrage: vom Absender erhalten (Posteingang) oder an den ersten Empfänger gestellt (Gesendet). Ihre Antworten bestätigen sie.</translation>
        </message>
        <message>
            <source>SSL/TLS</source>
            <translation>SSL/TLS</translation>
        </message>
        <message>
            <source>STARTTLS</source>
            <translation>STARTTLS</translation>
        </message>
        <message>
            <source>None (this computer only)</source>
            <translation>Keine (nur dieser Computer)</translation>
        </message>
        <message>
            <source>type to store a new password</source>
            <translation>eingeben, um ein neues Passwort zu speichern</translation>
        </message>
        <message>
            <source>Store in keyring</source>
            <translation>Im Schlüsselbund speichern</translation>
        </message>
        <message>
            <source>found automatically</source>
            <translation>automatisch gefunden</translation>
        </message>
        <message>
            <source>Capture direct mail from colleagues, without a flag</source>
            <translation>Direkte Mails von Kollegen auch ohne Markierung erfassen</translation>
        </message>
        <message>
            <source>Mail to you (not only in Cc) from the company domains, not from a list, not an automatic reply.</source>
            <translation>Mails an Sie (nicht nur in Cc) aus den Firmendomains, nicht von einer Liste, keine automatische Antwort.</translation>
        </message>
        <message>
            <source>IMAP server</source>
            <translation>IMAP-Server</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Security</source>
            <translation>Sicherheit</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Inbox folder</source>
            <translation>Posteingang</translation>
        </message>
        <message>
            <source>Sent folder</source>
            <translation>Gesendet-Ordner</translation>
        </message>
        <message>
            <source>Company domains</source>
            <translation>Firmendomains</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>Verbindung testen</translation>
        </message>
        <message>
            <source>Works today with a password or an app password (Gmail, Microsoft 365: create an app password). Signing in with OAuth2 is not supported yet.</source>
            <translation>Funktioniert mit einem Passwort oder App-Passwort (Gmail, Microsoft 365: ein App-Passwort anlegen). Anmelden mit OAuth2 wird noch nicht unterstützt.</translation>
        </message>
        <message>
            <source>Enter the server, the user name and the password first.</source>
            <translation>Geben Sie zuerst Server, Benutzernamen und Passwort ein.</translation>
        </message>
        <message>
            <source>The password is stored in the system keyring.</source>
            <translation>Das Passwort ist im Schlüsselbund des Systems gespeichert.</translation>
        </message>
        <message>
            <source>Connecting to {host}…</source>
            <translation>Verbindung zu {host} wird aufgebaut…</translation>
        </message>
        <message>
            <source>Connected: Inbox is {inbox}, Sent is {sent}.</source>
            <translation>Verbunden: Posteingang ist {inbox}, Gesendet ist {sent}.</translation>
        </message>
        <message>
            <source>not found; choose it</source>
            <translation>nicht gefunden; bitte wählen</translation>
        </message>
    </context>
    <context>
        <name>Chip</name>
        <message>
            <source>Keep “{text}” as words of the title</source>
            <translation>„{text}“ als Wörter des Titels behalten</translation>
        </message>
    </context>
    <context>
        <name>Core</name>
        <message>
            <source>a request needs a title: say what was asked</source>
            <translation>eine Anfrage braucht einen Titel: sagen Sie, worum gebeten wurde</translation>
        </message>
        <message>
            <source>a request needs a counterpart: say who asked or who was asked</source>
            <translation>eine Anfrage braucht ein Gegenüber: sagen Sie, wer gefragt hat oder wer gefragt wurde</translation>
        </message>
        <message>
            <source>the ask time {time} is in the future</source>
            <translation>die Anfragezeit {time} liegt in der Zukunft</translation>
        </message>
        <message>
            <source>a promise must be after the ask: {when} is not after {asked}</source>
            <translation>eine Zusage muss nach der Anfrage liegen: {when} ist nicht nach {asked}</translation>
        </message>
        <message>
            <source>the request is already promised for {when}</source>
            <translation>die Anfrage ist bereits für {when} zugesagt</translation>
        </message>
        <message>
            <source>request #{id} is already done</source>
            <translation>Anfrage #{id} ist bereits erledigt</translation>
        </message>
        <message>
            <source>request #{id} is already cancelled</source>
            <translation>Anfrage #{id} ist bereits abgebrochen</translation>
        </message>
        <message>
            <source>request #{id} is not closed, so it cannot be reopened</source>
            <translation>Anfrage #{id} ist nicht abgeschlossen und kann daher nicht wieder geöffnet werden</translation>
        </message>
        <message>
            <source>snooze until {until} is not in the future</source>
            <translation>später erinnern um {until} liegt nicht in der Zukunft</translation>
        </message>
        <message>
            <source>request #{id} is already acknowledged</source>
            <translation>Anfrage #{id} ist bereits bestätigt</translation>
        </message>
        <message>
            <source>'{word}' is not a date I understand; use e.g. fri 3pm, tomorrow, in 2h, eod or 2026-12-01 14:00</source>
            <translation>„{word}“ ist kein Datum, das ich verstehe; schreiben Sie z. B. fri 3pm, tomorrow, in 2h, eod oder 2026-12-01 14:00</translation>
        </message>
        <message>
            <source>'{word}' is not a date; use e.g. dec 1 or 2026-12-01</source>
            <translation>„{word}“ ist kein Datum; schreiben Sie z. B. dec 1 oder 2026-12-01</translation>
        </message>
        <message>
            <source>'{word}' is not a unit of time; did you mean '{suggestion}'?</source>
            <translation>„{word}“ ist keine Zeiteinheit; meinten Sie „{suggestion}“?</translation>
        </message>
        <message>
            <source>'{word}' has passed; give a time ahead, e.g. tomorrow 10am</source>
            <translation>„{word}“ ist vorbei; geben Sie eine kommende Zeit an, z. B. tomorrow 10am</translation>
        </message>
        <message>
            <source>'{word}': say which day of the month, e.g. {month} 3</source>
            <translation>„{word}“: sagen Sie, welcher Tag des Monats, z. B. {month} 3</translation>
        </message>
        <message>
            <source>say when, e.g. fri 3pm, tomorrow, in 2h or 2026-12-01 14:00</source>
            <translation>sagen Sie, wann, z. B. fri 3pm, tomorrow, in 2h oder 2026-12-01 14:00</translation>
        </message>
        <message>
            <source>'{word}' ends at once; give a length like 15m or 2h</source>
            <translation>„{word}“ endet sofort; geben Sie eine Dauer an wie 15m oder 2h</translation>
        </message>
        <message>
            <source>'{word}' is not a time of day; use e.g. 3pm or 15:00</source>
            <translation>„{word}“ ist keine Uhrzeit; schreiben Sie z. B. 3pm oder 15:00</translation>
        </message>
        <message>
            <source>'yesterday' has passed; a promise needs a time ahead, e.g. tomorrow 10am</source>
            <translation>„yesterday“ ist vorbei; eine Zusage braucht eine kommende Zeit, z. B. tomorrow 10am</translation>
        </message>
        <message>
            <source>'{word}' has passed; a promise needs a time ahead</source>
            <translation>„{word}“ ist vorbei; eine Zusage braucht eine kommende Zeit</translation>
        </message>
        <message>
            <source>'{word}' is {moment}, which has passed; give a time ahead, e.g. tomorrow 10am</source>
            <translation>„{word}“ ist {moment} und schon vorbei; geben Sie eine kommende Zeit an, z. B. tomorrow 10am</translation>
        </message>
        <message>
            <source>'{word}' is too far ahead; give a time within ten years</source>
            <translation>„{word}“ liegt zu weit voraus; geben Sie eine Zeit innerhalb von zehn Jahren an</translation>
        </message>
        <message>
            <source>'{word}' is not a date and time; use e.g. 2026-12-01 14:00</source>
            <translation>„{word}“ ist kein Datum mit Uhrzeit; schreiben Sie z. B. 2026-12-01 14:00</translation>
        </message>
        <message>
            <source>'{word}' is not a date I understand; did you mean '{suggestion}'?</source>
            <translation>„{word}“ ist kein Datum, das ich verstehe; meinten Sie „{suggestion}“?</translation>
        </message>
        <message>
            <source>'{word}' is not a date; use e.g. 2026-12-01</source>
            <translation>„{word}“ ist kein Datum; schreiben Sie z. B. 2026-12-01</translation>
        </message>
        <message>
            <source>'{word}' is not a repeat Promptly knows; use every day, every weekday or every mon (several days: every mon and thu)</source>
            <translation>„{word}“ ist keine Wiederholung, die Promptly kennt; schreiben Sie every day, every weekday oder every mon (mehrere Tage: every mon and thu)</translation>
        </message>
        <message>
            <source>'{word}' is not a day I understand; did you mean '{suggestion}'?</source>
            <translation>„{word}“ ist kein Tag, den ich verstehe; meinten Sie „{suggestion}“?</translation>
        </message>
        <message>
            <source>say who with @ and a name, e.g. {example}</source>
            <translation>sagen Sie mit @ und einem Namen, wer, z. B. {example}</translation>
        </message>
        <message>
            <source>say what is asked, not only who and when, e.g. {example}</source>
            <translation>sagen Sie, worum gebeten wird, nicht nur wer und wann, z. B. {example}</translation>
        </message>
        <message>
            <source>the line must be text</source>
            <translation>die Zeile muss Text sein</translation>
        </message>
        <message>
            <source>the line is {length} characters long; keep it under {limit} and put the rest in the request's details</source>
            <translation>die Zeile ist {length} Zeichen lang; bleiben Sie unter {limit} und schreiben Sie den Rest in die Einzelheiten der Anfrage</translation>
        </message>
        <message>
            <source>the line is empty; type who, what and by when, e.g. from @dana: repair invoice by fri 3pm</source>
            <translation>die Zeile ist leer; schreiben Sie wer, was und bis wann, z. B. from @dana: repair invoice by fri 3pm</translation>
        </message>
        <message>
            <source>the line contains a control character ({code}); type it on one line without tabs or line breaks</source>
            <translation type="vanished">die Zeile enthält ein Steuerzeichen ({code}); schreiben Sie sie in eine Zeile, ohne Tabulatoren oder Zeilenumbrüche</translation>
        </message>
        <message>
            <source>request #{id} has no prompt to snooze</source>
            <translation>Anfrage #{id} hat keine Erinnerung, die sich verschieben lässt</translation>
        </message>
        <message>
            <source>the time it is needed by ({when}) must be after the ask ({asked})</source>
            <translation>der gewünschte Termin ({when}) muss nach der Anfrage ({asked}) liegen</translation>
        </message>
        <message>
            <source>give an ETA or accept their time, not both</source>
            <translation>nennen Sie einen Termin oder übernehmen Sie den gewünschten, nicht beides</translation>
        </message>
        <message>
            <source>request #{id} has no time it is needed by to accept; give an ETA instead</source>
            <translation>Anfrage #{id} hat keinen gewünschten Termin zum Übernehmen; nennen Sie stattdessen einen Termin</translation>
        </message>
        <message>
            <source>'{word}' {problem}; give a time from 1970 to ten years ahead</source>
            <translation>„{word}“ {problem}; nennen Sie eine Zeit zwischen 1970 und zehn Jahren ab heute</translation>
        </message>
        <message>
            <source>the direction is 'received' or 'made'</source>
            <translation>die Richtung ist „received“ (erhalten) oder „made“ (gestellt)</translation>
        </message>
        <message>
            <source>'{word}' — {hour} am or {hour} pm? write {hour}pm or {pm}</source>
            <translation>„{word}“ — {hour} am oder {hour} pm? Schreiben Sie {hour}pm oder {pm}</translation>
        </message>
        <message>
            <source>'{word}' read as {time}, within working hours; write {hour}am or {hour}pm to be exact</source>
            <translation>„{word}“ als {time} gelesen, innerhalb der Arbeitszeit; schreiben Sie {hour}am oder {hour}pm, um genau zu sein</translation>
        </message>
        <message>
            <source>'{word}' — day/month or month/day? write {day_first} or {month_first}</source>
            <translation>„{word}“ — Tag/Monat oder Monat/Tag? Schreiben Sie {day_first} oder {month_first}</translation>
        </message>
        <message>
            <source>'{word}': write {hour}:00 for a time or the {day} for a day of the month</source>
            <translation>„{word}“: schreiben Sie {hour}:00 für eine Uhrzeit oder the {day} für einen Tag des Monats</translation>
        </message>
        <message>
            <source>'{word}': write the {day} for a day of the month</source>
            <translation>„{word}“: schreiben Sie the {day} für einen Tag des Monats</translation>
        </message>
        <message>
            <source>'@{words}': a name of several words goes in quotes: @"{words}"</source>
            <translation>„@{words}“: ein Name aus mehreren Wörtern steht in Anführungszeichen: @"{words}"</translation>
        </message>
        <message>
            <source>the line contains {character}; type it on one line without tabs, line breaks or direction controls</source>
            <translation>die Zeile enthält {character}; schreiben Sie sie in eine Zeile, ohne Tabulatoren, Zeilenumbrüche oder Richtungszeichen</translation>
        </message>
        <message>
            <source>request #{id} was asked of me: only the one who asked escalates</source>
            <translation>Anfrage #{id} wurde an mich gestellt: nur wer gefragt hat, eskaliert</translation>
        </message>
        <message>
            <source>{name} has no supervisor in the team: escalate by mail instead</source>
            <translation>{name} hat keine Vorgesetzte im Team: eskalieren Sie stattdessen per Mail</translation>
        </message>
        <message>
            <source>request #{id} is closed; nothing to escalate</source>
            <translation>Anfrage #{id} ist abgeschlossen; es gibt nichts zu eskalieren</translation>
        </message>
        <message>
            <source>no request escalated to you has the id {uid}</source>
            <translation>keine an Sie eskalierte Anfrage hat die Kennung {uid}</translation>
        </message>
        <message>
            <source>only what you asked for can be reminded of</source>
            <translation>erinnern können Sie nur an das, worum Sie gebeten haben</translation>
        </message>
        <message>
            <source>only a supervisor of a member of {department} may publish its turnaround times</source>
            <translation>nur Vorgesetzte eines Mitglieds von {department} dürfen die Bearbeitungszeiten dieser Abteilung veröffentlichen</translation>
        </message>
        <message>
            <source>the team server refused your turnaround times: only an active member of the team publishes their own</source>
            <translation>der Team-Server hat Ihre Bearbeitungszeiten abgelehnt: nur aktive Mitglieder des Teams veröffentlichen ihre eigenen</translation>
        </message>
        <message>
            <source>the team server's schema (version {found}) is newer than this Promptly (version {version}) can use; update Promptly</source>
            <translation>das Schema des Team-Servers (Version {found}) ist neuer, als dieses Promptly (Version {version}) verwenden kann; aktualisieren Sie Promptly</translation>
        </message>
        <message>
            <source>this server has no Promptly team yet: an administrator runs `promptly team init URL`</source>
            <translation>auf diesem Server gibt es noch kein Promptly-Team: ein Administrator führt `promptly team init URL` aus</translation>
        </message>
        <message>
            <source>you are not a member of this team (ask the administrator to add you)</source>
            <translation>Sie sind kein Mitglied dieses Teams (bitten Sie den Administrator, Sie hinzuzufügen)</translation>
        </message>
        <message>
            <source>the team server's schema (version {found}) is older than this Promptly (version {version}): an administrator runs `promptly team init URL`</source>
            <translation>das Schema des Team-Servers (Version {found}) ist älter als dieses Promptly (Version {version}): ein Administrator führt `promptly team init URL` aus</translation>
        </message>
        <message>
            <source>unknown time zone {zone}; use a name like Europe/Berlin</source>
            <translation>unbekannte Zeitzone {zone}; verwenden Sie einen Namen wie Europe/Berlin</translation>
        </message>
        <message>
            <source>the team server does not know the time zone {zone}; use a name like Europe/Berlin</source>
            <translation>der Team-Server kennt die Zeitzone {zone} nicht; verwenden Sie einen Namen wie Europe/Berlin</translation>
        </message>
    </context>
    <context>
        <name>DataPage</name>
        <message>
            <source>Data</source>
            <translation>Daten</translation>
        </message>
        <message>
            <source>Everything Promptly knows is in one file.</source>
            <translation>Alles, was Promptly weiß, steht in einer Datei.</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>Ordner öffnen</translation>
        </message>
        <message>
            <source>Back up now</source>
            <translation>Jetzt sichern</translation>
        </message>
        <message>
            <source>The back-up failed: {reason}</source>
            <translation>Die Sicherung ist fehlgeschlagen: {reason}</translation>
        </message>
        <message>
            <source>Backed up to {path}</source>
            <translation>Gesichert nach {path}</translation>
        </message>
    </context>
    <context>
        <name>DraftDialog</name>
        <message>
            <source>Draft message</source>
            <translation>Nachricht entwerfen</translation>
        </message>
        <message>
            <source>Reply with an ETA</source>
            <translation>Antwort mit Zeitangabe</translation>
        </message>
        <message>
            <source>Heads-up: need more time</source>
            <translation>Vorwarnung: brauche mehr Zeit</translation>
        </message>
        <message>
            <source>Apology and new time</source>
            <translation>Entschuldigung und neuer Termin</translation>
        </message>
        <message>
            <source>Renegotiate the promise</source>
            <translation>Zusage neu vereinbaren</translation>
        </message>
        <message>
            <source>Courteous reminder</source>
            <translation>Freundliche Erinnerung</translation>
        </message>
        <message>
            <source>Check in</source>
            <translation>Nachfragen</translation>
        </message>
        <message>
            <source>Escalate to their supervisor</source>
            <translation>An die Vorgesetzten eskalieren</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Nachricht</translation>
        </message>
        <message>
            <source>To</source>
            <translation>An</translation>
        </message>
        <message>
            <source>Cc</source>
            <translation>Cc</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Betreff</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Kopieren</translation>
        </message>
        <message>
            <source>Open in &amp;mail app</source>
            <translation>Im &amp;Mailprogramm öffnen</translation>
        </message>
        <message>
            <source>&amp;Send</source>
            <translation>&amp;Senden</translation>
        </message>
        <message>
            <source>Send through the mail server set in Settings → Mail</source>
            <translation>Über den Mailserver aus Einstellungen → Mail senden</translation>
        </message>
        <message>
            <source>{name} has no escalation contact: add one in Settings → People, or type the address in your mail app.</source>
            <translation>{name} hat keine Eskalationsperson: Tragen Sie eine unter Einstellungen → Personen ein oder geben Sie die Adresse im Mailprogramm ein.</translation>
        </message>
        <message>
            <source>{name} (no e-mail address)</source>
            <translation>{name} (keine E-Mail-Adresse)</translation>
        </message>
        <message>
            <source>The clipboard did not take the message. Select the text and copy it.</source>
            <translation>Die Zwischenablage hat die Nachricht nicht übernommen. Markieren Sie den Text und kopieren Sie ihn.</translation>
        </message>
        <message>
            <source>No mail app opened. Use Copy and paste the message instead.</source>
            <translation>Kein Mailprogramm hat sich geöffnet. Kopieren Sie die Nachricht stattdessen und fügen Sie sie ein.</translation>
        </message>
        <message>
            <source>No mail app answered. Use Copy and paste the message instead.</source>
            <translation type="vanished">Kein Mailprogramm hat geantwortet. Kopieren Sie die Nachricht stattdessen und fügen Sie sie ein.</translation>
        </message>
        <message>
            <source>Send in &amp;Promptly</source>
            <translation>In &amp;Promptly senden</translation>
        </message>
        <message>
            <source>{name} sees it as a prompt in their Promptly</source>
            <translation>{name} sieht es als Erinnerung im eigenen Promptly</translation>
        </message>
    </context>
    <context>
        <name>EditDialog</name>
        <message>
            <source>Edit request</source>
            <translation>Anfrage bearbeiten</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Wer</translation>
        </message>
        <message>
            <source>I owe them: they asked me</source>
            <translation>Ich schulde es: ich wurde gefragt</translation>
        </message>
        <message>
            <source>They owe me: I asked them</source>
            <translation>Man schuldet es mir: ich habe gefragt</translation>
        </message>
        <message>
            <source>words separated by spaces</source>
            <translation>Wörter, durch Leerzeichen getrennt</translation>
        </message>
        <message>
            <source>e.g. fri 3pm, in 2h, eod; empty: no time</source>
            <translation>z. B. fri 3pm, in 2h, eod; leer: keine Zeit</translation>
        </message>
        <message>
            <source>e.g. fri 3pm, in 2h, eod</source>
            <translation>z. B. fri 3pm, in 2h, eod</translation>
        </message>
        <message>
            <source>why the promise moves (optional)</source>
            <translation>warum sich die Zusage verschiebt (optional)</translation>
        </message>
        <message>
            <source>&amp;Who</source>
            <translation>&amp;Wer</translation>
        </message>
        <message>
            <source>&amp;Direction</source>
            <translation>&amp;Richtung</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>&amp;Titel</translation>
        </message>
        <message>
            <source>&amp;Needed by</source>
            <translation>&amp;Gewünscht bis</translation>
        </message>
        <message>
            <source>&amp;Promised for</source>
            <translation>&amp;Zugesagt für</translation>
        </message>
        <message>
            <source>&amp;Reason</source>
            <translation>Gr&amp;und</translation>
        </message>
        <message>
            <source>{time} ({left})</source>
            <translation>{time} ({left})</translation>
        </message>
        <message>
            <source>A promise cannot be taken back, only moved: give the new time.</source>
            <translation>Eine Zusage lässt sich nicht zurücknehmen, nur verschieben: nennen Sie die neue Zeit.</translation>
        </message>
        <message>
            <source>Title</source>
            <translation type="vanished">Titel</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Link</source>
            <translation>Link</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Kanal</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Schlagwörter</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Something went wrong. The details are in {path}.</source>
            <translation>Etwas ist schiefgelaufen. Die Einzelheiten stehen in {path}.</translation>
        </message>
        <message>
            <source>Promptly</source>
            <translation>Promptly</translation>
        </message>
    </context>
    <context>
        <name>EscalationPrompter</name>
        <message>
            <source>Escalated to you</source>
            <translation>An Sie eskaliert</translation>
        </message>
        <message>
            <source>{requester} asked {asked}: {title}</source>
            <translation>{requester} hat {asked} gebeten: {title}</translation>
        </message>
    </context>
    <context>
        <name>EscalationRow</name>
        <message>
            <source>{requester} asked {asked}: {title}</source>
            <translation>{requester} hat {asked} gebeten: {title}</translation>
        </message>
        <message>
            <source>asked {time}</source>
            <translation>gefragt {time}</translation>
        </message>
        <message>
            <source>wanted by {time}</source>
            <translation>gewünscht bis {time}</translation>
        </message>
        <message>
            <source>A note both of them see</source>
            <translation>Eine Notiz, die beide sehen</translation>
        </message>
        <message>
            <source>Add &amp;note</source>
            <translation>&amp;Notiz hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Seen</source>
            <translation>&amp;Gesehen</translation>
        </message>
        <message>
            <source>{who} answered</source>
            <translation>{who} hat geantwortet</translation>
        </message>
        <message>
            <source>{who} marked it done</source>
            <translation>{who} hat sie erledigt</translation>
        </message>
        <message>
            <source>{who} cancelled it</source>
            <translation>{who} hat sie abgebrochen</translation>
        </message>
        <message>
            <source>{who} reopened it</source>
            <translation>{who} hat sie wieder geöffnet</translation>
        </message>
        <message>
            <source>{who} edited it</source>
            <translation>{who} hat sie geändert</translation>
        </message>
        <message>
            <source>{who} escalated it</source>
            <translation>{who} hat sie eskaliert</translation>
        </message>
        <message>
            <source>{who} noted</source>
            <translation>{who} hat notiert</translation>
        </message>
        <message>
            <source>{who} promised {time}</source>
            <translation>{who} hat {time} zugesagt</translation>
        </message>
        <message>
            <source>{who} moved the promise to {time}</source>
            <translation>{who} hat die Zusage auf {time} verschoben</translation>
        </message>
    </context>
    <context>
        <name>EscalationWindow</name>
        <message>
            <source>Escalated to me</source>
            <translation>An mich eskaliert</translation>
        </message>
        <message>
            <source>Nothing is escalated to you.</source>
            <translation>Nichts ist an Sie eskaliert.</translation>
        </message>
    </context>
    <context>
        <name>ExchangeMenu</name>
        <message>
            <source>&amp;Export requests…</source>
            <translation>Anfragen &amp;exportieren…</translation>
        </message>
        <message>
            <source>Write every request to a file</source>
            <translation>Alle Anfragen in eine Datei schreiben</translation>
        </message>
        <message>
            <source>&amp;Import requests…</source>
            <translation>Anfragen &amp;importieren…</translation>
        </message>
        <message>
            <source>Add the requests of an exported file</source>
            <translation>Die Anfragen einer exportierten Datei hinzufügen</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message numerus="yes">
            <source>Exported %n open promise(s) to {0}</source>
            <translation>
                <numerusform>%n offene Zusage exportiert nach {0}</numerusform>
                <numerusform>%n offene Zusagen exportiert nach {0}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n request(s) to {0}</source>
            <translation>
                <numerusform>%n Anfrage exportiert nach {0}</numerusform>
                <numerusform>%n Anfragen exportiert nach {0}</numerusform>
            </translation>
        </message>
        <message>
            <source>Export requests</source>
            <translation>Anfragen exportieren</translation>
        </message>
        <message>
            <source>JSON, everything with history (*.json);;CSV, one row per request (*.csv);;Calendar, open promises (*.ics)</source>
            <translation>JSON, alles mit Verlauf (*.json);;CSV, eine Zeile je Anfrage (*.csv);;Kalender, offene Zusagen (*.ics)</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>Export fehlgeschlagen</translation>
        </message>
        <message>
            <source>Import requests</source>
            <translation>Anfragen importieren</translation>
        </message>
        <message>
            <source>Promptly exports (*.json *.csv);;All files (*)</source>
            <translation>Promptly-Exporte (*.json *.csv);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Import failed</source>
            <translation>Import fehlgeschlagen</translation>
        </message>
        <message numerus="yes">
            <source>Imported %n request(s) from {0}.</source>
            <translation>
                <numerusform>%n Anfrage aus {0} importiert.</numerusform>
                <numerusform>%n Anfragen aus {0} importiert.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n already here, skipped.</source>
            <translation>
                <numerusform>%n schon vorhanden, übersprungen.</numerusform>
                <numerusform>%n schon vorhanden, übersprungen.</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not export to {0}.</source>
            <translation>Export nach {0} nicht möglich.</translation>
        </message>
        <message>
            <source>Nothing was imported from {0}.</source>
            <translation>Aus {0} wurde nichts importiert.</translation>
        </message>
    </context>
    <context>
        <name>GeneralPage</name>
        <message>
            <source>General</source>
            <translation>Allgemein</translation>
        </message>
        <message>
            <source>Received: I owe someone</source>
            <translation>Erhalten: ich schulde jemandem etwas</translation>
        </message>
        <message>
            <source>Made: someone owes me</source>
            <translation>Gestellt: jemand schuldet mir etwas</translation>
        </message>
        <message>
            <source>Quick add assumes</source>
            <translation>Schnell erfassen nimmt an</translation>
        </message>
        <message>
            <source>Desktop notification and prompt window</source>
            <translation>Desktop-Benachrichtigung und Erinnerungsfenster</translation>
        </message>
        <message>
            <source>Prompt window only</source>
            <translation>Nur Erinnerungsfenster</translation>
        </message>
        <message>
            <source>Prompts appear as</source>
            <translation>Erinnerungen erscheinen als</translation>
        </message>
        <message>
            <source>At the end of each working day, list what I still owe</source>
            <translation>Am Ende jedes Arbeitstags auflisten, was ich noch schulde</translation>
        </message>
        <message>
            <source>At the end of the working week, offer the weekly summary</source>
            <translation>Am Ende der Arbeitswoche die Wochenübersicht anbieten</translation>
        </message>
        <message>
            <source>Digests</source>
            <translation>Zusammenfassungen</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Keines</translation>
        </message>
        <message>
            <source>Quick-add shortcut</source>
            <translation>Tastenkürzel für Schnell erfassen</translation>
        </message>
        <message>
            <source>To open quick add from anywhere, bind a key to the command “promptly quick-add” in your desktop's keyboard settings.</source>
            <translation>Um die Schnellerfassung von überall zu öffnen, legen Sie in den Tastatureinstellungen Ihres Desktops eine Taste auf den Befehl „promptly quick-add“.</translation>
        </message>
        <message>
            <source>The key opens quick add from any program while Promptly runs.</source>
            <translation>Die Taste öffnet die Schnellerfassung aus jedem Programm, solange Promptly läuft.</translation>
        </message>
        <message>
            <source>Another program already uses this key. Choose another one.</source>
            <translation>Ein anderes Programm verwendet diese Taste bereits. Wählen Sie eine andere.</translation>
        </message>
        <message>
            <source>Promptly asked the desktop for this key; the desktop may ask you to confirm it.</source>
            <translation>Promptly hat den Desktop um diese Taste gebeten; der Desktop fragt Sie vielleicht, ob Sie zustimmen.</translation>
        </message>
        <message>
            <source>This desktop does not let Promptly listen for a key in other programs (X11 does, and Wayland desktops with the global shortcuts portal).</source>
            <translation>Dieser Desktop lässt Promptly nicht auf Tasten in anderen Programmen hören (X11 erlaubt das, und Wayland-Desktops mit dem Portal für globale Tastenkürzel).</translation>
        </message>
        <message>
            <source>This desktop does not let Promptly listen for a key in other programs (only X11 does).</source>
            <translation type="vanished">Dieser Desktop lässt Promptly nicht auf Tasten in anderen Programmen hören (nur X11 erlaubt das).</translation>
        </message>
        <message>
            <source>Promptly does not grab this key itself yet. To open quick add from anywhere, bind the key to the command “promptly quick-add” in your desktop's keyboard settings.</source>
            <translation type="vanished">Promptly belegt diese Taste noch nicht selbst. Um „Schnell erfassen“ von überall zu öffnen, legen Sie die Taste in den Tastatureinstellungen Ihrer Arbeitsumgebung auf den Befehl „promptly quick-add“.</translation>
        </message>
        <message>
            <source>Start Promptly when I log in</source>
            <translation>Promptly bei der Anmeldung starten</translation>
        </message>
        <message>
            <source>Autostart</source>
            <translation>Autostart</translation>
        </message>
        <message>
            <source>System time zone ({zone})</source>
            <translation>Zeitzone des Systems ({zone})</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>Zeitzone</translation>
        </message>
    </context>
    <context>
        <name>GlobalShortcut</name>
        <message>
            <source>Open Promptly's quick add</source>
            <translation>Schnellerfassung von Promptly öffnen</translation>
        </message>
    </context>
    <context>
        <name>HoursPage</name>
        <message>
            <source>Working hours</source>
            <translation>Arbeitszeiten</translation>
        </message>
        <message>
            <source>Prompts wait for working time unless a request is urgent. Write hours like 09:00–17:00, or 08:00–12:00, 13:00–17:00 for a break. Leave a day empty for a day off.</source>
            <translation>Erinnerungen warten auf die Arbeitszeit, außer bei dringenden Anfragen. Schreiben Sie Zeiten wie 09:00–17:00 oder 08:00–12:00, 13:00–17:00 für eine Pause. Lassen Sie einen freien Tag leer.</translation>
        </message>
        <message>
            <source>day off</source>
            <translation>frei</translation>
        </message>
        <message>
            <source>Holidays</source>
            <translation>Feiertage</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Hinzufügen</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Import calendar (.ics)…</source>
            <translation>Kalender importieren (.ics)…</translation>
        </message>
        <message>
            <source>Import holidays</source>
            <translation>Feiertage importieren</translation>
        </message>
        <message>
            <source>iCalendar files (*.ics);;All files (*)</source>
            <translation>iCalendar-Dateien (*.ics);;Alle Dateien (*)</translation>
        </message>
        <message numerus="yes">
            <source>%n new day(s) added from the calendar.</source>
            <translation>
                <numerusform>%n neuer Tag aus dem Kalender hinzugefügt.</numerusform>
                <numerusform>%n neue Tage aus dem Kalender hinzugefügt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Correct the working hours marked above.</source>
            <translation>Korrigieren Sie die oben markierten Arbeitszeiten.</translation>
        </message>
        <message>
            <source>Write hours like 09:00–17:00.</source>
            <translation>Schreiben Sie Zeiten wie 09:00–17:00.</translation>
        </message>
        <message>
            <source>{end} is not after {start}: the hours end before they start.</source>
            <translation>{end} liegt nicht nach {start}: Die Arbeitszeit endet, bevor sie beginnt.</translation>
        </message>
    </context>
    <context>
        <name>MailCapture</name>
        <message>
            <source>Captured from mail: {who} · {title}</source>
            <translation>Aus Mail erfasst: {who} · {title}</translation>
        </message>
    </context>
    <context>
        <name>MailPage</name>
        <message>
            <source>Mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>Promptly can send a follow-up straight from a prompt. The password is kept only in the system keyring.</source>
            <translation>Promptly kann eine Nachfrage direkt aus einer Erinnerung senden. Das Passwort liegt nur im Schlüsselbund des Systems.</translation>
        </message>
        <message>
            <source>STARTTLS</source>
            <translation>STARTTLS</translation>
        </message>
        <message>
            <source>SSL/TLS</source>
            <translation>SSL/TLS</translation>
        </message>
        <message>
            <source>None (unencrypted)</source>
            <translation>Keine (unverschlüsselt)</translation>
        </message>
        <message>
            <source>empty if the server needs no login</source>
            <translation>leer, wenn der Server keine Anmeldung braucht</translation>
        </message>
        <message>
            <source>SMTP server</source>
            <translation>SMTP-Server</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Security</source>
            <translation>Sicherheit</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>From address</source>
            <translation>Absenderadresse</translation>
        </message>
        <message>
            <source>From name</source>
            <translation>Absendername</translation>
        </message>
        <message>
            <source>type to store a new password</source>
            <translation>eingeben, um ein neues Passwort zu speichern</translation>
        </message>
        <message>
            <source>Store in keyring</source>
            <translation>Im Schlüsselbund speichern</translation>
        </message>
        <message>
            <source>Forget</source>
            <translation>Vergessen</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Send a test message</source>
            <translation>Testnachricht senden</translation>
        </message>
        <message>
            <source>used for the test message only, never saved</source>
            <translation>nur für die Testnachricht, wird nie gespeichert</translation>
        </message>
        <message>
            <source>Enter the user name and the password first.</source>
            <translation>Geben Sie zuerst Benutzername und Passwort ein.</translation>
        </message>
        <message>
            <source>The password was not stored.</source>
            <translation>Das Passwort wurde nicht gespeichert.</translation>
        </message>
        <message>
            <source>The password is stored in the system keyring.</source>
            <translation>Das Passwort ist im Schlüsselbund des Systems gespeichert.</translation>
        </message>
        <message>
            <source>The stored password is removed.</source>
            <translation>Das gespeicherte Passwort ist entfernt.</translation>
        </message>
        <message>
            <source>Enter the SMTP server and the from address first.</source>
            <translation>Geben Sie zuerst den SMTP-Server und die Absenderadresse ein.</translation>
        </message>
        <message>
            <source>Promptly test message</source>
            <translation>Promptly-Testnachricht</translation>
        </message>
        <message>
            <source>This message shows that Promptly can send follow-ups through {host}.</source>
            <translation>Diese Nachricht zeigt, dass Promptly Nachfragen über {host} senden kann.</translation>
        </message>
        <message>
            <source>Nothing was sent.</source>
            <translation>Es wurde nichts gesendet.</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Wird gesendet…</translation>
        </message>
        <message>
            <source>Test message sent to {address}.</source>
            <translation>Testnachricht an {address} gesendet.</translation>
        </message>
    </context>
    <context>
        <name>MailSender</name>
        <message>
            <source>The system keyring does not work here, so Promptly asks for the password each time.</source>
            <translation>Der Schlüsselbund des Systems funktioniert hier nicht, daher fragt Promptly jedes Mal nach dem Passwort.</translation>
        </message>
        <message>
            <source>The mail server refused the user name or password.</source>
            <translation>Der Mailserver hat Benutzername oder Passwort abgelehnt.</translation>
        </message>
        <message>
            <source>Passwords are kept in the system keyring.</source>
            <translation>Passwörter liegen im Schlüsselbund des Systems.</translation>
        </message>
        <message>
            <source>No system keyring is available, so the password cannot be saved. Promptly asks for it each time it sends mail.</source>
            <translation>Es ist kein Schlüsselbund verfügbar, daher kann das Passwort nicht gespeichert werden. Promptly fragt bei jedem Senden danach.</translation>
        </message>
        <message>
            <source>The system keyring is locked. Unlock it (log in to your desktop session), or Promptly asks for the password each time it sends mail.</source>
            <translation>Der Schlüsselbund des Systems ist gesperrt. Entsperren Sie ihn (melden Sie sich an der Desktop-Sitzung an), sonst fragt Promptly bei jedem Senden nach dem Passwort.</translation>
        </message>
        <message>
            <source>The mail server cannot be reached.</source>
            <translation>Der Mailserver ist nicht erreichbar.</translation>
        </message>
        <message>
            <source>Mail password</source>
            <translation>E-Mail-Passwort</translation>
        </message>
        <message>
            <source>Mail is not set up. Enter the SMTP server and your address in Settings → Mail, then send again. Your draft is kept.</source>
            <translation>E-Mail ist nicht eingerichtet. Tragen Sie SMTP-Server und Ihre Adresse unter Einstellungen → E-Mail ein und senden Sie erneut. Ihr Entwurf bleibt erhalten.</translation>
        </message>
        <message>
            <source>Password for {user} on {host}:</source>
            <translation>Passwort für {user} auf {host}:</translation>
        </message>
        <message>
            <source>Sent, but the mail server refused a recipient.</source>
            <translation>Gesendet, aber der Mailserver hat einen Empfänger abgelehnt.</translation>
        </message>
        <message>
            <source>The mail server refused the recipient.</source>
            <translation>Der Mailserver hat den Empfänger abgelehnt.</translation>
        </message>
        <message>
            <source>Mail is not set up correctly.</source>
            <translation>E-Mail ist nicht richtig eingerichtet.</translation>
        </message>
        <message>
            <source>The message was not sent.</source>
            <translation>Die Nachricht wurde nicht gesendet.</translation>
        </message>
    </context>
    <context>
        <name>MessagesPage</name>
        <message>
            <source>Messages</source>
            <translation>Nachrichten</translation>
        </message>
        <message>
            <source>The drafts Promptly writes for you. $name, $first_name, $title, $asked_on, $promised_for, $new_time, $escalation_name and $link are filled in; the first line may be “Subject: …”.</source>
            <translation type="vanished">Die Entwürfe, die Promptly für Sie schreibt. $name, $first_name, $title, $asked_on, $promised_for, $new_time, $escalation_name und $link werden eingesetzt; die erste Zeile darf „Subject: …“ sein.</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Ihr Name</translation>
        </message>
        <message>
            <source>signs your drafts; empty: the From name on the Mail page</source>
            <translation>unterschreibt Ihre Entwürfe; leer: der Absendername der Seite E-Mail</translation>
        </message>
        <message>
            <source>The drafts Promptly writes for you. $name, $first_name, $title, $asked_when, $asked_on, $eta, $wanted_for, $promised_for, $new_time, $promise_note, $apology, $signature, $escalation_name and $link are filled in; the first line may be “Subject: …”.</source>
            <translation>Die Entwürfe, die Promptly für Sie schreibt. $name, $first_name, $title, $asked_when, $asked_on, $eta, $wanted_for, $promised_for, $new_time, $promise_note, $apology, $signature, $escalation_name und $link werden ausgefüllt; die erste Zeile darf „Subject: …“ sein.</translation>
        </message>
        <message>
            <source>Reply with an ETA</source>
            <translation>Antwort mit Zeitangabe</translation>
        </message>
        <message>
            <source>Promise before the time they want</source>
            <translation>Vor dem gewünschten Termin zusagen</translation>
        </message>
        <message>
            <source>Heads-up: need more time</source>
            <translation>Vorwarnung: brauche mehr Zeit</translation>
        </message>
        <message>
            <source>Apology and new time</source>
            <translation>Entschuldigung und neuer Termin</translation>
        </message>
        <message>
            <source>Renegotiate the promise</source>
            <translation>Zusage neu vereinbaren</translation>
        </message>
        <message>
            <source>Courteous reminder</source>
            <translation>Freundliche Erinnerung</translation>
        </message>
        <message>
            <source>Check in</source>
            <translation>Nachfragen</translation>
        </message>
        <message>
            <source>Escalate to their supervisor</source>
            <translation>An die Vorgesetzten eskalieren</translation>
        </message>
        <message>
            <source>Reset to default</source>
            <translation>Auf Standard zurücksetzen</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>Vorlage</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Vorschau</translation>
        </message>
        <message>
            <source>Lee Example</source>
            <translation>Lee Beispiel</translation>
        </message>
        <message>
            <source>Dana Example</source>
            <translation>Dana Beispiel</translation>
        </message>
        <message>
            <source>the March invoice for the Berlin office</source>
            <translation>die März-Rechnung für das Berliner Büro</translation>
        </message>
        <message>
            <source>To: {to}</source>
            <translation>An: {to}</translation>
        </message>
        <message>
            <source>Cc: {cc}</source>
            <translation>Cc: {cc}</translation>
        </message>
        <message>
            <source>Subject: {subject}</source>
            <translation>Betreff: {subject}</translation>
        </message>
    </context>
    <context>
        <name>Notifier</name>
        <message>
            <source>While you were away</source>
            <translation>Während Sie weg waren</translation>
        </message>
        <message numerus="yes">
            <source>%n prompts due</source>
            <translation>
                <numerusform>%n Erinnerung fällig</numerusform>
                <numerusform>%n Erinnerungen fällig</numerusform>
            </translation>
        </message>
        <message>
            <source>Open Promptly to see it</source>
            <translation>Öffnen Sie Promptly, um sie zu sehen</translation>
        </message>
    </context>
    <context>
        <name>PeoplePage</name>
        <message>
            <source>People</source>
            <translation>Personen</translation>
        </message>
        <message>
            <source>E-mail addresses for follow-ups, and whom to involve when a request stalls.</source>
            <translation>E-Mail-Adressen für Nachfragen – und wen Sie einbeziehen, wenn eine Anfrage stockt.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>Escalation contact</source>
            <translation>Eskalationsperson</translation>
        </message>
        <message>
            <source>name@example.org</source>
            <translation>name@example.org</translation>
        </message>
        <message>
            <source>Save person</source>
            <translation>Person speichern</translation>
        </message>
        <message>
            <source>New person</source>
            <translation>Neue Person</translation>
        </message>
        <message>
            <source>(nobody)</source>
            <translation>(niemand)</translation>
        </message>
        <message>
            <source>“{email}” is not an e-mail address like dana@example.org.</source>
            <translation>„{email}“ ist keine E-Mail-Adresse wie dana@example.org.</translation>
        </message>
        <message>
            <source>A person cannot be their own escalation contact.</source>
            <translation>Niemand kann die eigene Eskalationsperson sein.</translation>
        </message>
        <message>
            <source>Saved {name}.</source>
            <translation>{name} gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>PromptRow</name>
        <message>
            <source>from {name} · asked {time}</source>
            <translation type="vanished">von {name} · gefragt {time}</translation>
        </message>
        <message>
            <source>to {name} · asked {time}</source>
            <translation type="vanished">an {name} · gefragt {time}</translation>
        </message>
        <message>
            <source>{who} · asked {time}</source>
            <translation>{who} · gefragt {time}</translation>
        </message>
        <message>
            <source>&amp;Done</source>
            <translation>&amp;Erledigt</translation>
        </message>
        <message>
            <source>&amp;Snooze</source>
            <translation>&amp;Später</translation>
        </message>
        <message>
            <source>&amp;Renegotiate…</source>
            <translation>&amp;Neu vereinbaren…</translation>
        </message>
        <message>
            <source>Send &amp;ETA…</source>
            <translation>&amp;Zeitangabe senden…</translation>
        </message>
        <message>
            <source>New &amp;ETA…</source>
            <translation>Neue &amp;Zeitangabe…</translation>
        </message>
        <message>
            <source>They &amp;promised…</source>
            <translation>Sie haben &amp;zugesagt…</translation>
        </message>
        <message>
            <source>&amp;Accept their time</source>
            <translation>Gewünschten Termin &amp;zusagen</translation>
        </message>
        <message>
            <source>Promise it for the time they want it by</source>
            <translation>Zum gewünschten Termin zusagen</translation>
        </message>
        <message>
            <source>They &amp;replied</source>
            <translation>Sie haben &amp;geantwortet</translation>
        </message>
        <message>
            <source>Dra&amp;ft message…</source>
            <translation>Nachricht ent&amp;werfen…</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>Ö&amp;ffnen</translation>
        </message>
        <message>
            <source>Dis&amp;miss</source>
            <translation>&amp;Beiseitelegen</translation>
        </message>
        <message>
            <source>Set this prompt aside; the request stays in the list</source>
            <translation>Diese Erinnerung beiseitelegen; die Anfrage bleibt in der Liste</translation>
        </message>
        <message>
            <source>Escalate &amp;in Promptly</source>
            <translation>&amp;In Promptly eskalieren</translation>
        </message>
        <message>
            <source>{name} sees this request in Promptly until it is closed</source>
            <translation>{name} sieht diese Anfrage in Promptly, bis sie abgeschlossen ist</translation>
        </message>
    </context>
    <context>
        <name>PromptWindow</name>
        <message>
            <source>Promptly</source>
            <translation>Promptly</translation>
        </message>
        <message>
            <source>Previous prompt (Alt+Left)</source>
            <translation>Vorherige Erinnerung (Alt+Links)</translation>
        </message>
        <message>
            <source>Previous prompt</source>
            <translation>Vorherige Erinnerung</translation>
        </message>
        <message>
            <source>Next prompt (Alt+Right)</source>
            <translation>Nächste Erinnerung (Alt+Rechts)</translation>
        </message>
        <message>
            <source>Next prompt</source>
            <translation>Nächste Erinnerung</translation>
        </message>
        <message>
            <source>Hide; the prompts stay queued</source>
            <translation>Ausblenden; die Erinnerungen bleiben in der Warteschlange</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>Ausblenden</translation>
        </message>
        <message>
            <source>{n} of {total}</source>
            <translation>{n} von {total}</translation>
        </message>
        <message>
            <source>While you were away</source>
            <translation>Während Sie weg waren</translation>
        </message>
        <message numerus="yes">
            <source>%n prompt(s) came due while you were away.</source>
            <translation>
                <numerusform>%n Erinnerung wurde fällig, während Sie weg waren.</numerusform>
                <numerusform>%n Erinnerungen wurden fällig, während Sie weg waren.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more come up as you deal with these.</source>
            <translation>
                <numerusform>%n weitere folgt, sobald Sie diese erledigen.</numerusform>
                <numerusform>%n weitere folgen, sobald Sie diese erledigen.</numerusform>
            </translation>
        </message>
        <message>
            <source>Request &amp;list</source>
            <translation>Anfragen&amp;liste</translation>
        </message>
        <message>
            <source>Dismiss &amp;all</source>
            <translation>&amp;Alle verwerfen</translation>
        </message>
        <message>
            <source>The working week is over. See how the promises went: kept, renegotiated, broken, and who to follow up early.</source>
            <translation>Die Arbeitswoche ist vorbei. Sehen Sie, wie es mit den Zusagen lief: eingehalten, neu vereinbart, gebrochen – und bei wem Sie früh nachfassen sollten.</translation>
        </message>
        <message>
            <source>Open weekly &amp;summary</source>
            <translation>Wochen&amp;übersicht öffnen</translation>
        </message>
        <message>
            <source>You owe nobody anything. Well done.</source>
            <translation>Sie schulden niemandem etwas. Gut gemacht.</translation>
        </message>
        <message numerus="yes">
            <source>You still owe %n request(s):</source>
            <translation>
                <numerusform>Sie schulden noch %n Anfrage:</numerusform>
                <numerusform>Sie schulden noch %n Anfragen:</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>Ö&amp;ffnen</translation>
        </message>
        <message>
            <source>D&amp;ismiss</source>
            <translation>&amp;Verwerfen</translation>
        </message>
        <message>
            <source>Reply needed</source>
            <translation>Antwort nötig</translation>
        </message>
        <message>
            <source>Due soon</source>
            <translation>Bald fällig</translation>
        </message>
        <message>
            <source>Promise passed</source>
            <translation>Zusage verstrichen</translation>
        </message>
        <message>
            <source>No answer yet</source>
            <translation>Noch keine Antwort</translation>
        </message>
        <message>
            <source>Time to escalate</source>
            <translation>Zeit zu eskalieren</translation>
        </message>
        <message>
            <source>Check in</source>
            <translation>Nachfragen</translation>
        </message>
        <message>
            <source>Wanted soon</source>
            <translation>Bald gewünscht</translation>
        </message>
        <message>
            <source>Renegotiate</source>
            <translation>Neu vereinbaren</translation>
        </message>
        <message>
            <source>New time</source>
            <translation>Neuer Termin</translation>
        </message>
        <message>
            <source>Send an ETA</source>
            <translation>Zeitangabe senden</translation>
        </message>
        <message>
            <source>Their ETA</source>
            <translation>Ihr Termin</translation>
        </message>
        <message>
            <source>Their new ETA</source>
            <translation>Ihre neue Zeitangabe</translation>
        </message>
        <message>
            <source>ETA</source>
            <translation>Zeitangabe</translation>
        </message>
        <message>
            <source>A reminder</source>
            <translation>Eine Erinnerung</translation>
        </message>
    </context>
    <context>
        <name>PromptsPage</name>
        <message>
            <source>Prompts</source>
            <translation>Erinnerungen</translation>
        </message>
        <message>
            <source>When each prompt of the ladder fires. Working minutes count only working hours; minutes are plain clock time.</source>
            <translation>Wann jede Stufe der Erinnerungsleiter auslöst. Arbeitsminuten zählen nur in der Arbeitszeit; Minuten sind einfache Uhrzeit.</translation>
        </message>
        <message>
            <source> working min</source>
            <translation> Arbeitsmin.</translation>
        </message>
        <message>
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <source>Answer a request I received within</source>
            <translation>Eine erhaltene Anfrage beantworten innerhalb von</translation>
        </message>
        <message>
            <source>Remind me to answer, before that, by</source>
            <translation>Mich davor ans Antworten erinnern um</translation>
        </message>
        <message>
            <source>Warn me before a promise I gave is due by</source>
            <translation>Mich vor Fälligkeit meiner Zusage warnen um</translation>
        </message>
        <message>
            <source>Nudge someone who has not answered after</source>
            <translation>Nachhaken, wenn keine Antwort kam, nach</translation>
        </message>
        <message>
            <source>Escalate when they still have not answered after</source>
            <translation>Eskalieren, wenn noch immer keine Antwort kam, nach</translation>
        </message>
        <message>
            <source>Escalate when their promise is late by</source>
            <translation>Eskalieren, wenn ihre Zusage überfällig ist um</translation>
        </message>
    </context>
    <context>
        <name>QuickAddDialog</name>
        <message>
            <source>Quick add</source>
            <translation>Schnell erfassen</translation>
        </message>
        <message>
            <source>from @dana: repair invoice by fri 3pm #billing</source>
            <translation>from @dana: Rechnung korrigieren by fri 3pm #buchhaltung</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>Anfrage</translation>
        </message>
        <message>
            <source>Enter saves · Esc closes · @ completes a person · Tab then Space drops a chip</source>
            <translation>Eingabe speichert · Esc schließt · @ ergänzt eine Person · Tab, dann Leertaste entfernt einen Baustein</translation>
        </message>
        <message>
            <source>Note: {message}</source>
            <translation>Hinweis: {message}</translation>
        </message>
        <message>
            <source>What: {title}</source>
            <translation>Was: {title}</translation>
        </message>
        <message>
            <source>I owe {name}</source>
            <translation>Ich schulde {name}</translation>
        </message>
        <message>
            <source>{name} owes me</source>
            <translation>{name} schuldet mir</translation>
        </message>
        <message>
            <source>{what} (default)</source>
            <translation>{what} (Standard)</translation>
        </message>
        <message>
            <source>{name} (new person)</source>
            <translation>{name} (neue Person)</translation>
        </message>
        <message>
            <source>wanted by {time} · {left}</source>
            <translation>gewünscht bis {time} · {left}</translation>
        </message>
        <message>
            <source>promised for {time} · {left}</source>
            <translation>zugesagt für {time} · {left}</translation>
        </message>
        <message>
            <source>{time} · {left}</source>
            <translation type="vanished">{time} · {left}</translation>
        </message>
        <message>
            <source>{level} priority</source>
            <translation>Priorität {level}</translation>
        </message>
        <message>
            <source>repeats: {words}</source>
            <translation>wiederholt sich: {words}</translation>
        </message>
        <message>
            <source>first {time}</source>
            <translation>zuerst {time}</translation>
        </message>
        <message>
            <source>(published by {department})</source>
            <translation>(veröffentlicht von {department})</translation>
        </message>
        <message>
            <source>Type a request, e.g. from @dana: repair invoice by fri 3pm</source>
            <translation>Anfrage eingeben, z. B. from @dana: Rechnung korrigieren by fri 3pm</translation>
        </message>
        <message>
            <source>{name} usually needs {hours} working hours for #{tag}</source>
            <translation>{name} braucht für #{tag} üblicherweise {hours} Arbeitsstunden</translation>
        </message>
        <message>
            <source>{name} usually needs {hours} working hours</source>
            <translation>{name} braucht üblicherweise {hours} Arbeitsstunden</translation>
        </message>
        <message>
            <source>wanted by {time}</source>
            <translation>gewünscht bis {time}</translation>
        </message>
        <message>
            <source>shared with {member}</source>
            <translation>geteilt mit {member}</translation>
        </message>
        <message>
            <source>team</source>
            <translation>Team</translation>
        </message>
    </context>
    <context>
        <name>RequestListWindow</name>
        <message>
            <source>Promptly — Requests</source>
            <translation>Promptly – Anfragen</translation>
        </message>
        <message>
            <source>All requests</source>
            <translation>Alle Anfragen</translation>
        </message>
        <message>
            <source>Received: I owe</source>
            <translation>Erhalten: ich schulde</translation>
        </message>
        <message>
            <source>Made: owed to me</source>
            <translation>Gestellt: man schuldet mir</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>Richtung</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Offen</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>Überfällig</translation>
        </message>
        <message>
            <source>Done or cancelled</source>
            <translation>Erledigt oder abgebrochen</translation>
        </message>
        <message>
            <source>Any state</source>
            <translation>Jeder Status</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Search title, person, #tag  (Ctrl+F)</source>
            <translation>Titel, Person, #Schlagwort suchen  (Strg+F)</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Suchen</translation>
        </message>
        <message>
            <source>Dana Example owes me</source>
            <translation>Dana Beispiel schuldet mir</translation>
        </message>
        <message>
            <source>awaiting reply</source>
            <translation>wartet auf Antwort</translation>
        </message>
        <message>
            <source>reply overdue 20 min</source>
            <translation>Antwort überfällig 20 Min.</translation>
        </message>
        <message>
            <source>Open in mail client</source>
            <translation>Im Mailprogramm öffnen</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>&amp;Acknowledge…</source>
            <translation>&amp;Bestätigen…</translation>
        </message>
        <message>
            <source>Answer with an ETA</source>
            <translation>Mit Zeitangabe antworten</translation>
        </message>
        <message>
            <source>Accept their &amp;time</source>
            <translation>Gewünschten &amp;Termin zusagen</translation>
        </message>
        <message>
            <source>Promise the time they want it by</source>
            <translation>Den gewünschten Termin zusagen</translation>
        </message>
        <message>
            <source>&amp;Renegotiate…</source>
            <translation>&amp;Neu vereinbaren…</translation>
        </message>
        <message>
            <source>Move the promise, with a reason</source>
            <translation>Zusage verschieben, mit Begründung</translation>
        </message>
        <message>
            <source>&amp;Done</source>
            <translation>&amp;Erledigt</translation>
        </message>
        <message>
            <source>&amp;Snooze</source>
            <translation>&amp;Später</translation>
        </message>
        <message>
            <source>Draft &amp;message…</source>
            <translation>&amp;Nachricht entwerfen…</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>B&amp;earbeiten…</translation>
        </message>
        <message>
            <source>&amp;Cancel request…</source>
            <translation>Anfrage &amp;abbrechen…</translation>
        </message>
        <message>
            <source>Re&amp;open</source>
            <translation>&amp;Wieder öffnen</translation>
        </message>
        <message>
            <source>&amp;Undo done</source>
            <translation>Erledigt &amp;rückgängig</translation>
        </message>
        <message>
            <source>&amp;Find</source>
            <translation>&amp;Suchen</translation>
        </message>
        <message>
            <source>Sort by &amp;urgency</source>
            <translation>Nach &amp;Dringlichkeit sortieren</translation>
        </message>
        <message>
            <source>&amp;Close window</source>
            <translation>Fenster &amp;schließen</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Aktionen</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message numerus="yes">
            <source>%n shown</source>
            <translation>
                <numerusform>%n angezeigt</numerusform>
                <numerusform>%n angezeigt</numerusform>
            </translation>
        </message>
        <message>
            <source>{shown} of {total}</source>
            <translation>{shown} von {total}</translation>
        </message>
        <message>
            <source>They &amp;replied…</source>
            <translation>Sie haben &amp;geantwortet…</translation>
        </message>
        <message>
            <source>No request selected</source>
            <translation>Keine Anfrage ausgewählt</translation>
        </message>
        <message>
            <source>{name} asked me on {time}</source>
            <translation>{name} hat mich am {time} gefragt</translation>
        </message>
        <message>
            <source>I asked {name} on {time}</source>
            <translation>Ich habe {name} am {time} gefragt</translation>
        </message>
        <message>
            <source>Status: {status}</source>
            <translation>Status: {status}</translation>
        </message>
        <message>
            <source>Wanted by {time}</source>
            <translation>Gewünscht bis {time}</translation>
        </message>
        <message>
            <source>Reply by {time}</source>
            <translation>Antwort bis {time}</translation>
        </message>
        <message>
            <source>Promised for {time}</source>
            <translation>Zugesagt für {time}</translation>
        </message>
        <message>
            <source>First promised for {time}</source>
            <translation>Zuerst zugesagt für {time}</translation>
        </message>
        <message>
            <source>Tags: {tags}</source>
            <translation>Schlagwörter: {tags}</translation>
        </message>
        <message>
            <source>Priority: {level}</source>
            <translation>Priorität: {level}</translation>
        </message>
        <message>
            <source>From mail: {message}</source>
            <translation>Aus Mail: {message}</translation>
        </message>
        <message>
            <source>Link: {link}</source>
            <translation>Link: {link}</translation>
        </message>
        <message>
            <source>No mail client here opens messages by their id; search your mail for the title.</source>
            <translation>Kein Mailprogramm hier öffnet Nachrichten über ihre ID; suchen Sie in Ihren Mails nach dem Titel.</translation>
        </message>
        <message>
            <source>They replied</source>
            <translation>Sie haben geantwortet</translation>
        </message>
        <message>
            <source>ETA</source>
            <translation>Zeitangabe</translation>
        </message>
        <message>
            <source>Renegotiate</source>
            <translation>Neu vereinbaren</translation>
        </message>
        <message>
            <source>Promise</source>
            <translation>Zusage</translation>
        </message>
        <message>
            <source>New time</source>
            <translation>Neuer Termin</translation>
        </message>
        <message>
            <source>Cancel request</source>
            <translation>Anfrage abbrechen</translation>
        </message>
        <message>
            <source>Done: {title}</source>
            <translation>Erledigt: {title}</translation>
        </message>
    </context>
    <context>
        <name>RequestModel</name>
        <message>
            <source>open</source>
            <translation type="vanished">offen</translation>
        </message>
        <message>
            <source>acknowledged</source>
            <translation type="vanished">bestätigt</translation>
        </message>
        <message>
            <source>done</source>
            <translation type="vanished">erledigt</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation type="vanished">abgebrochen</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Wer</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Was</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Fällig</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Schlagwörter</translation>
        </message>
        <message>
            <source>promised</source>
            <translation type="vanished">zugesagt</translation>
        </message>
        <message>
            <source>from {name}</source>
            <translation type="vanished">von {name}</translation>
        </message>
        <message>
            <source>to {name}</source>
            <translation type="vanished">an {name}</translation>
        </message>
        <message>
            <source>answer {countdown}</source>
            <translation type="vanished">Antwort {countdown}</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Promptly Settings</source>
            <translation>Promptly-Einstellungen</translation>
        </message>
        <message>
            <source>The person was not saved.</source>
            <translation type="vanished">Die Person wurde nicht gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>SnoozeMenu</name>
        <message>
            <source>Snooze</source>
            <translation>Später erinnern</translation>
        </message>
        <message>
            <source>15 minutes</source>
            <translation>15 Minuten</translation>
        </message>
        <message>
            <source>1 hour</source>
            <translation>1 Stunde</translation>
        </message>
        <message>
            <source>Next working morning</source>
            <translation>Nächster Arbeitsmorgen</translation>
        </message>
        <message>
            <source>Custom…</source>
            <translation>Benutzerdefiniert…</translation>
        </message>
        <message>
            <source>Snooze until</source>
            <translation>Später erinnern um</translation>
        </message>
        <message>
            <source>Until</source>
            <translation>Bis</translation>
        </message>
    </context>
    <context>
        <name>SummaryExport</name>
        <message>
            <source>on time</source>
            <translation>pünktlich</translation>
        </message>
        <message>
            <source>No promise settled</source>
            <translation>Keine Zusage abgeschlossen</translation>
        </message>
        <message>
            <source>Week {week} · {start} – {end}</source>
            <translation>Woche {week} · {start} – {end}</translation>
        </message>
        <message>
            <source>Kept {held} of {settled} · {rate}</source>
            <translation>{held} von {settled} eingehalten · {rate}</translation>
        </message>
        <message>
            <source>Requests</source>
            <translation>Anfragen</translation>
        </message>
        <message>
            <source>Promises</source>
            <translation>Zusagen</translation>
        </message>
        <message>
            <source>Waiting on me (requests, oldest since)</source>
            <translation>Warten auf mich (Anfragen, älteste seit)</translation>
        </message>
        <message>
            <source>I wait on (requests, oldest since)</source>
            <translation>Ich warte auf (Anfragen, älteste seit)</translation>
        </message>
        <message>
            <source>By day (received / made / done)</source>
            <translation>Pro Tag (erhalten / gestellt / erledigt)</translation>
        </message>
        <message>
            <source>Trend (kept / answered on time)</source>
            <translation>Verlauf (eingehalten / rechtzeitig beantwortet)</translation>
        </message>
        <message>
            <source>Calibration of my promises, 8 weeks (settled, median)</source>
            <translation>Kalibrierung meiner Zusagen, 8 Wochen (abgeschlossen, Median)</translation>
        </message>
        <message>
            <source>{0} %</source>
            <translation>{0} %</translation>
        </message>
        <message>
            <source>{0} late</source>
            <translation>{0} zu spät</translation>
        </message>
        <message>
            <source>kept {0}, renegotiated {1}, broken {2}</source>
            <translation>eingehalten {0}, neu vereinbart {1}, gebrochen {2}</translation>
        </message>
        <message>
            <source> · broken ones a median {0} late</source>
            <translation> · gebrochene im Median {0} zu spät</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>niemand</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Erhalten</translation>
        </message>
        <message>
            <source>Made</source>
            <translation>Gestellt</translation>
        </message>
        <message>
            <source>Answered on time</source>
            <translation>Rechtzeitig beantwortet</translation>
        </message>
        <message>
            <source>Median time to answer</source>
            <translation>Median der Antwortzeit</translation>
        </message>
        <message>
            <source>Open at the end of the week</source>
            <translation>Offen am Ende der Woche</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>Meine</translation>
        </message>
        <message>
            <source>Theirs</source>
            <translation>Ihre</translation>
        </message>
        <message>
            <source>nobody with 3 settled promises yet</source>
            <translation>noch niemand mit 3 abgeschlossenen Zusagen</translation>
        </message>
        <message>
            <source>{0} · since {1}</source>
            <translation>{0} · seit {1}</translation>
        </message>
        <message>
            <source>{0} of {1} · {2}</source>
            <translation>{0} von {1} · {2}</translation>
        </message>
        <message>
            <source>{0} received, {1} made</source>
            <translation>{0} erhalten, {1} gestellt</translation>
        </message>
        <message>
            <source>No time wanted came</source>
            <translation>Kein gewünschter Termin fällig</translation>
        </message>
        <message>
            <source>{delivered} of {settled} · {rate}</source>
            <translation>{delivered} von {settled} · {rate}</translation>
        </message>
        <message>
            <source>Delivered when wanted</source>
            <translation>Zum gewünschten Termin geliefert</translation>
        </message>
        <message>
            <source>By me</source>
            <translation>Von mir</translation>
        </message>
        <message>
            <source>To me</source>
            <translation>An mich</translation>
        </message>
        <message>
            <source>Team {department} ({members} members, as of the last sync)</source>
            <translation>Team {department} ({members} Mitglieder, Stand der letzten Synchronisierung)</translation>
        </message>
        <message numerus="yes">
            <source>%n requests</source>
            <translation>
                <numerusform>%n Anfrage</numerusform>
                <numerusform>%n Anfragen</numerusform>
            </translation>
        </message>
        <message>
            <source>{0} h</source>
            <translation>{0} h</translation>
        </message>
        <message>
            <source>{0} answered on time</source>
            <translation>{0} rechtzeitig beantwortet</translation>
        </message>
        <message>
            <source>promises kept {kept} of {promised}</source>
            <translation>Zusagen gehalten {kept} von {promised}</translation>
        </message>
        <message>
            <source>median turnaround {median} (published {published})</source>
            <translation>Median der Bearbeitungszeit {median} (veröffentlicht {published})</translation>
        </message>
    </context>
    <context>
        <name>SummaryWindow</name>
        <message>
            <source>Weekly summary</source>
            <translation>Wochenübersicht</translation>
        </message>
        <message>
            <source>◀ Previous week</source>
            <translation>◀ Vorige Woche</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>Diese Woche</translation>
        </message>
        <message>
            <source>Next week ▶</source>
            <translation>Nächste Woche ▶</translation>
        </message>
        <message>
            <source>Alt+Left</source>
            <translation>Alt+Left</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Home</translation>
        </message>
        <message>
            <source>Alt+Right</source>
            <translation>Alt+Right</translation>
        </message>
        <message>
            <source>My promises</source>
            <translation>Meine Zusagen</translation>
        </message>
        <message>
            <source>Answered on time</source>
            <translation>Rechtzeitig beantwortet</translation>
        </message>
        <message>
            <source>Median time to answer</source>
            <translation>Median der Antwortzeit</translation>
        </message>
        <message>
            <source>Their promises</source>
            <translation>Ihre Zusagen</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>Erhalten</translation>
        </message>
        <message>
            <source>Made</source>
            <translation>Gestellt</translation>
        </message>
        <message>
            <source>Open at the end of the week</source>
            <translation>Offen am Ende der Woche</translation>
        </message>
        <message>
            <source>Delivered when wanted</source>
            <translation>Zum gewünschten Termin geliefert</translation>
        </message>
        <message>
            <source>Per day</source>
            <translation>Pro Tag</translation>
        </message>
        <message>
            <source>Last 8 weeks</source>
            <translation>Letzte 8 Wochen</translation>
        </message>
        <message>
            <source>Waiting on me</source>
            <translation>Warten auf mich</translation>
        </message>
        <message>
            <source>I wait on</source>
            <translation>Ich warte auf</translation>
        </message>
        <message>
            <source>Copy as text</source>
            <translation>Als Text kopieren</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>CSV exportieren…</translation>
        </message>
        <message>
            <source>Export team CSV…</source>
            <translation>Team-CSV exportieren…</translation>
        </message>
        <message>
            <source>Export PDF…</source>
            <translation>PDF exportieren…</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>Requests</source>
            <translation>Anfragen</translation>
        </message>
        <message>
            <source>Waiting since</source>
            <translation>Wartet seit</translation>
        </message>
        <message>
            <source>This week · {0}</source>
            <translation>Diese Woche · {0}</translation>
        </message>
        <message>
            <source>to me: {0}</source>
            <translation>an mich: {0}</translation>
        </message>
        <message>
            <source>{0} of {1} · {2}</source>
            <translation>{0} von {1} · {2}</translation>
        </message>
        <message>
            <source>working time, ask to answer</source>
            <translation>Arbeitszeit, von Frage bis Antwort</translation>
        </message>
        <message>
            <source>{0} owed · {1} awaited</source>
            <translation>{0} geschuldet · {1} erwartet</translation>
        </message>
        <message>
            <source>Open the oldest request (#{0})</source>
            <translation>Älteste Anfrage öffnen (#{0})</translation>
        </message>
        <message>
            <source>Calibration of my promises over 8 weeks (settled, median): </source>
            <translation>Kalibrierung meiner Zusagen über 8 Wochen (abgeschlossen, Median): </translation>
        </message>
        <message>
            <source>Calibration: nobody with 3 settled promises of mine yet.</source>
            <translation>Kalibrierung: noch niemand mit 3 abgeschlossenen Zusagen von mir.</translation>
        </message>
        <message>
            <source>no comparison with last week</source>
            <translation>kein Vergleich mit letzter Woche</translation>
        </message>
        <message>
            <source>= same as last week</source>
            <translation>= wie letzte Woche</translation>
        </message>
        <message numerus="yes">
            <source>{0} %n pts vs last week</source>
            <translation>
                <numerusform>{0} %n Pkt. gegenüber letzter Woche</numerusform>
                <numerusform>{0} %n Pkt. gegenüber letzter Woche</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} %n vs last week</source>
            <translation>
                <numerusform>{0} %n gegenüber letzter Woche</numerusform>
                <numerusform>{0} %n gegenüber letzter Woche</numerusform>
            </translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Erledigt</translation>
        </message>
        <message>
            <source>Promises kept</source>
            <translation>Eingehaltene Zusagen</translation>
        </message>
        <message>
            <source>Export the week as CSV</source>
            <translation>Woche als CSV exportieren</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <source>Export the team's totals as CSV</source>
            <translation>Summen des Teams als CSV exportieren</translation>
        </message>
        <message>
            <source>Export the week as PDF</source>
            <translation>Woche als PDF exportieren</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF-Dateien (*.pdf)</translation>
        </message>
        <message>
            <source>Could not write {0}: {1}. Choose another folder.</source>
            <translation>{0} konnte nicht geschrieben werden: {1}. Wählen Sie einen anderen Ordner.</translation>
        </message>
        <message>
            <source>Saved {0}</source>
            <translation>Gespeichert: {0}</translation>
        </message>
        <message>
            <source>Team {department} ({members} members, as of the last sync): {requests} requests · {on_time} answered on time · promises kept {kept} of {promised} · median turnaround {median} (published {published})</source>
            <translation type="vanished">Team {department} ({members} Mitglieder, Stand der letzten Synchronisierung): {requests} Anfragen · {on_time} rechtzeitig beantwortet · Zusagen gehalten {kept} von {promised} · Median der Bearbeitungszeit {median} (veröffentlicht {published})</translation>
        </message>
    </context>
    <context>
        <name>TeamPage</name>
        <message>
            <source>Team</source>
            <translation>Team</translation>
        </message>
        <message>
            <source>With a team's server, a request between you and a colleague exists once: you both see it, and her answer reaches you. Works offline; changes wait and go when the server is back.</source>
            <translation>Mit einem Team-Server gibt es eine Anfrage zwischen Ihnen und einer Kollegin nur einmal: Sie sehen sie beide, und ihre Antwort erreicht Sie. Funktioniert auch offline; Änderungen warten und gehen raus, sobald der Server wieder da ist.</translation>
        </message>
        <message>
            <source>given by your administrator</source>
            <translation>von Ihrer Administration erhalten</translation>
        </message>
        <message>
            <source>Server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <source>Login</source>
            <translation>Anmeldename</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>Verbindung testen</translation>
        </message>
        <message>
            <source>Join</source>
            <translation>Beitreten</translation>
        </message>
        <message>
            <source>Leave</source>
            <translation>Verlassen</translation>
        </message>
        <message>
            <source>What is shared</source>
            <translation>Was geteilt wird</translation>
        </message>
        <message>
            <source>Shared with the team: requests between you and a member — title, tags, priority, when asked and wanted by — and what happens to them: answers, ETAs, new times with their reason, notes, done, cancelled, escalations.
Stays on this computer: requests with anyone outside the team, a request's details and link, your prompts, snoozes, drafts and pauses, your settings and weekly figures.</source>
            <translation>Mit dem Team geteilt: Anfragen zwischen Ihnen und einem Mitglied – Titel, Schlagwörter, Priorität, wann gefragt und bis wann gewünscht – und was mit ihnen geschieht: Antworten, Termine, neue Zeiten mit ihrem Grund, Notizen, erledigt, abgebrochen, Eskalationen.
Bleibt auf diesem Computer: Anfragen mit allen außerhalb des Teams, die Einzelheiten und der Link einer Anfrage, Ihre Erinnerungen, Zurückstellungen, Entwürfe und Pausen, Ihre Einstellungen und Wochenzahlen.</translation>
        </message>
        <message numerus="yes">
            <source>and %n more</source>
            <translation>
                <numerusform>und %n weitere</numerusform>
                <numerusform>und %n weitere</numerusform>
            </translation>
        </message>
        <message>
            <source>You have no requests: joining shares nothing yet.</source>
            <translation>Sie haben keine Anfragen: Beim Beitritt wird noch nichts geteilt.</translation>
        </message>
        <message numerus="yes">
            <source>Joining shares %n requests with team members ({closed} done or cancelled):</source>
            <translation>
                <numerusform>Beim Beitritt wird %n Anfrage mit Teammitgliedern geteilt ({closed} erledigt oder abgebrochen):</numerusform>
                <numerusform>Beim Beitritt werden %n Anfragen mit Teammitgliedern geteilt ({closed} erledigt oder abgebrochen):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Joining shares %n requests with team members:</source>
            <translation>
                <numerusform>Beim Beitritt wird %n Anfrage mit Teammitgliedern geteilt:</numerusform>
                <numerusform>Beim Beitritt werden %n Anfragen mit Teammitgliedern geteilt:</numerusform>
            </translation>
        </message>
        <message>
            <source>None of your requests is with a team member: joining shares none of them.</source>
            <translation>Keine Ihrer Anfragen betrifft ein Teammitglied: Beim Beitritt wird keine davon geteilt.</translation>
        </message>
        <message numerus="yes">
            <source>%n requests stay personal, with people outside the team:</source>
            <translation>
                <numerusform>%n Anfrage bleibt persönlich, mit Personen außerhalb des Teams:</numerusform>
                <numerusform>%n Anfragen bleiben persönlich, mit Personen außerhalb des Teams:</numerusform>
            </translation>
        </message>
        <message>
            <source>None stays personal: each of your requests is with a team member.</source>
            <translation>Keine bleibt persönlich: Jede Ihrer Anfragen betrifft ein Teammitglied.</translation>
        </message>
        <message>
            <source>You have no open requests: joining shares nothing yet.</source>
            <translation type="vanished">Sie haben keine offenen Anfragen: Beim Beitritt wird noch nichts geteilt.</translation>
        </message>
        <message numerus="yes">
            <source>Joining shares %n open requests with team members:</source>
            <translation type="vanished">
                <numerusform>Beim Beitritt wird %n offene Anfrage mit Teammitgliedern geteilt:</numerusform>
                <numerusform>Beim Beitritt werden %n offene Anfragen mit Teammitgliedern geteilt:</numerusform>
            </translation>
        </message>
        <message>
            <source>None of your open requests is with a team member: joining shares none of them.</source>
            <translation type="vanished">Keine Ihrer offenen Anfragen betrifft ein Teammitglied: Beim Beitritt wird keine davon geteilt.</translation>
        </message>
        <message numerus="yes">
            <source>%n open requests stay personal, with people outside the team:</source>
            <translation type="vanished">
                <numerusform>%n offene Anfrage bleibt persönlich, mit Personen außerhalb des Teams:</numerusform>
                <numerusform>%n offene Anfragen bleiben persönlich, mit Personen außerhalb des Teams:</numerusform>
            </translation>
        </message>
        <message>
            <source>None stays personal: each of your open requests is with a team member.</source>
            <translation type="vanished">Keine bleibt persönlich: Jede Ihrer offenen Anfragen betrifft ein Teammitglied.</translation>
        </message>
        <message>
            <source>No usable system keyring: the password is not saved, and Promptly asks for it when it starts (the tray menu says “Team: password needed”).</source>
            <translation>Kein nutzbarer Schlüsselbund: Das Passwort wird nicht gespeichert, und Promptly fragt beim Start danach (das Menü im Infobereich zeigt „Team: Passwort nötig“).</translation>
        </message>
        <message>
            <source>This Promptly is in the team on {server} as {login}.</source>
            <translation>Dieses Promptly ist im Team auf {server} als {login}.</translation>
        </message>
        <message>
            <source>This Promptly is not in a team.</source>
            <translation>Dieses Promptly ist in keinem Team.</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Verbinde…</translation>
        </message>
        <message>
            <source>Connected. Members: {names}</source>
            <translation>Verbunden. Mitglieder: {names}</translation>
        </message>
        <message>
            <source>Join the team?</source>
            <translation>Dem Team beitreten?</translation>
        </message>
        <message>
            <source>Not joined; nothing was sent.</source>
            <translation>Nicht beigetreten; nichts wurde gesendet.</translation>
        </message>
        <message>
            <source>Joining…</source>
            <translation type="vanished">Trete bei…</translation>
        </message>
        <message>
            <source>Joined as {name}.</source>
            <translation>Beigetreten als {name}.</translation>
        </message>
        <message>
            <source>The password is in the system keyring.</source>
            <translation>Das Passwort liegt im Schlüsselbund des Systems.</translation>
        </message>
        <message>
            <source>Leave the team?</source>
            <translation>Das Team verlassen?</translation>
        </message>
        <message>
            <source>Shared requests stay on this computer as your own; changes are no longer sent or received.</source>
            <translation>Geteilte Anfragen bleiben auf diesem Computer als Ihre eigenen; Änderungen werden nicht mehr gesendet oder empfangen.</translation>
        </message>
        <message>
            <source>Left the team.</source>
            <translation>Team verlassen.</translation>
        </message>
    </context>
    <context>
        <name>TeamSync</name>
        <message>
            <source>Team: connecting…</source>
            <translation>Team: verbinde…</translation>
        </message>
        <message>
            <source>Team: up to date</source>
            <translation>Team: aktuell</translation>
        </message>
        <message>
            <source>Team: password needed</source>
            <translation>Team: Passwort nötig</translation>
        </message>
        <message>
            <source>{name} moved {title} to {time}</source>
            <translation>{name} hat {title} auf {time} verschoben</translation>
        </message>
        <message>
            <source>Team: offline since {time}</source>
            <translation>Team: offline seit {time}</translation>
        </message>
        <message numerus="yes">
            <source>%n changes waiting</source>
            <translation>
                <numerusform>%n Änderung wartet</numerusform>
                <numerusform>%n Änderungen warten</numerusform>
            </translation>
        </message>
        <message>
            <source>Team: not syncing ({reason})</source>
            <translation>Team: kein Abgleich ({reason})</translation>
        </message>
    </context>
    <context>
        <name>TimesEditor</name>
        <message>
            <source>Tag</source>
            <translation>Schlagwort</translation>
        </message>
        <message>
            <source>Working hours</source>
            <translation>Arbeitsstunden</translation>
        </message>
        <message>
            <source>Row {0}: give the working hours, more than 0 and at most {1}</source>
            <translation>Zeile {0}: geben Sie die Arbeitsstunden an, mehr als 0 und höchstens {1}</translation>
        </message>
        <message>
            <source>Row {0}: this tag is in the table twice</source>
            <translation>Zeile {0}: dieses Schlagwort steht zweimal in der Tabelle</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Promptly is starting…</source>
            <translation>Promptly startet…</translation>
        </message>
        <message>
            <source>Promptly</source>
            <translation>Promptly</translation>
        </message>
        <message numerus="yes">
            <source>%n overdue</source>
            <translation>
                <numerusform>%n überfällig</numerusform>
                <numerusform>%n überfällig</numerusform>
            </translation>
        </message>
        <message>
            <source>Prompts paused until {time}</source>
            <translation>Erinnerungen pausiert bis {time}</translation>
        </message>
        <message>
            <source>Nothing is waiting</source>
            <translation>Nichts wartet</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>Quick add…</source>
            <translation>Schnell erfassen…</translation>
        </message>
        <message>
            <source>Requests</source>
            <translation>Anfragen</translation>
        </message>
        <message>
            <source>Weekly summary</source>
            <translation>Wochenübersicht</translation>
        </message>
        <message>
            <source>Pause prompts</source>
            <translation>Erinnerungen pausieren</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <source>For 1 hour</source>
            <translation>Für 1 Stunde</translation>
        </message>
        <message>
            <source>Until tomorrow</source>
            <translation>Bis morgen</translation>
        </message>
        <message>
            <source>Resume prompts</source>
            <translation>Erinnerungen fortsetzen</translation>
        </message>
        <message>
            <source>Escalated to me</source>
            <translation>An mich eskaliert</translation>
        </message>
        <message>
            <source>{requester} asked {asked} · {title}</source>
            <translation>{requester} hat {asked} gebeten · {title}</translation>
        </message>
        <message>
            <source>new</source>
            <translation>neu</translation>
        </message>
    </context>
    <context>
        <name>TurnaroundPage</name>
        <message>
            <source>Turnaround</source>
            <translation>Bearbeitungszeit</translation>
        </message>
        <message>
            <source>What you usually need, in working hours, so that colleagues asking you see it and get it as the suggested time. Leave the tag empty for your default.</source>
            <translation>Was Sie üblicherweise brauchen, in Arbeitsstunden: Wer Sie fragt, sieht es und bekommt es als vorgeschlagene Zeit. Lassen Sie das Schlagwort für Ihren Standard leer.</translation>
        </message>
        <message>
            <source>&amp;Add row</source>
            <translation>Zeile &amp;hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Remove row</source>
            <translation>Zeile &amp;entfernen</translation>
        </message>
        <message>
            <source>&amp;Publish</source>
            <translation>&amp;Veröffentlichen</translation>
        </message>
        <message>
            <source>Add ro&amp;w</source>
            <translation>Zei&amp;le hinzufügen</translation>
        </message>
        <message>
            <source>Remo&amp;ve row</source>
            <translation>Zeile entfe&amp;rnen</translation>
        </message>
        <message>
            <source>Publish for the &amp;department</source>
            <translation>Für die &amp;Abteilung veröffentlichen</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>Abteilung</translation>
        </message>
        <message>
            <source>Department: {0}</source>
            <translation>Abteilung: {0}</translation>
        </message>
        <message>
            <source>Colleagues asking a member of {0} see these times for a tag the member publishes nothing for; the row without a tag is the default. You may publish them: you supervise members of {0}.</source>
            <translation>Wer ein Mitglied von {0} fragt, sieht diese Zeiten für ein Schlagwort, für das das Mitglied selbst nichts veröffentlicht; die Zeile ohne Schlagwort ist der Standard. Sie dürfen sie veröffentlichen, weil Ihnen Mitglieder von {0} unterstellt sind.</translation>
        </message>
        <message>
            <source>Colleagues asking a member of {0} see these times for a tag the member publishes nothing for; the row without a tag is the default. A supervisor of its members publishes them; you can read them here.</source>
            <translation>Wer ein Mitglied von {0} fragt, sieht diese Zeiten für ein Schlagwort, für das das Mitglied selbst nichts veröffentlicht; die Zeile ohne Schlagwort ist der Standard. Die Vorgesetzten ihrer Mitglieder veröffentlichen sie; hier können Sie sie lesen.</translation>
        </message>
        <message>
            <source>Nothing changed.</source>
            <translation>Nichts geändert.</translation>
        </message>
        <message>
            <source>Publishing…</source>
            <translation>Wird veröffentlicht…</translation>
        </message>
        <message>
            <source>Not published: {0}</source>
            <translation>Nicht veröffentlicht: {0}</translation>
        </message>
        <message>
            <source>Published to your team.</source>
            <translation>Für Ihr Team veröffentlicht.</translation>
        </message>
    </context>
    <context>
        <name>WelcomeWindow</name>
        <message>
            <source>Welcome to Promptly</source>
            <translation>Willkommen bei Promptly</translation>
        </message>
        <message>
            <source>&amp;Add my first request</source>
            <translation>Erste Anfrage &amp;erfassen</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Schließen</translation>
        </message>
        <message>
            <source>Promptly lives in the system tray, near the clock: its menu has Quick add, Requests and Settings. {key} opens quick add from any program.</source>
            <translation>Promptly wohnt im Infobereich der Taskleiste, nahe der Uhr: sein Menü enthält Schnell erfassen, Anfragen und Einstellungen. {key} öffnet die Schnellerfassung aus jedem Programm.</translation>
        </message>
        <message>
            <source>Promptly lives in the system tray, near the clock: its menu has Quick add, Requests and Settings. Where there is no tray, the Requests window stands in for it.</source>
            <translation>Promptly wohnt im Infobereich der Taskleiste, nahe der Uhr: sein Menü enthält Schnell erfassen, Anfragen und Einstellungen. Wo es keinen Infobereich gibt, vertritt ihn das Fenster Anfragen.</translation>
        </message>
        <message>
            <source>Note each request in one line, as you would say it:
  from @dana: repair invoice by fri 3pm   (Dana asked me)
  to @sam: review the contract by tomorrow 11am   (I asked Sam)</source>
            <translation>Erfassen Sie jede Anfrage in einer Zeile, wie Sie sie sagen würden:
  from @dana: Rechnung korrigieren by fri 3pm   (Dana hat mich gebeten)
  to @sam: Vertrag prüfen by tomorrow 11am   (ich habe Sam gebeten)</translation>
        </message>
        <message>
            <source>When it is time to answer, to remind or to involve a supervisor, a prompt appears with the actions that settle it. It stays until you act on it or dismiss it, even across a restart.</source>
            <translation>Wenn es Zeit ist zu antworten, zu erinnern oder Vorgesetzte einzubeziehen, erscheint ein Hinweis mit den passenden Aktionen. Er bleibt, bis Sie handeln oder ihn verwerfen, auch über einen Neustart hinweg.</translation>
        </message>
    </context>
    <context>
        <name>WhenDialog</name>
        <message>
            <source>e.g. 15m, 2h, tomorrow, morning</source>
            <translation>z. B. 15m, 2h, tomorrow, morning</translation>
        </message>
        <message>
            <source>e.g. fri 3pm, in 2h, eod</source>
            <translation>z. B. fri 3pm, in 2h, eod</translation>
        </message>
        <message>
            <source>required: tell them why</source>
            <translation>erforderlich: sagen Sie, warum</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Grund</translation>
        </message>
        <message>
            <source>{time} ({left})</source>
            <translation>{time} ({left})</translation>
        </message>
    </context>
    <context>
        <name>Wording</name>
        <message>
            <source>End of the day: what I still owe</source>
            <translation>Tagesende: was ich noch schulde</translation>
        </message>
        <message>
            <source>I owe</source>
            <translation>Ich schulde</translation>
        </message>
        <message>
            <source>owes me</source>
            <translation>schuldet mir</translation>
        </message>
        <message>
            <source>overdue</source>
            <translation>überfällig</translation>
        </message>
        <message>
            <source>End of the week</source>
            <translation>Wochenende</translation>
        </message>
        <message>
            <source>open</source>
            <translation type="vanished">offen</translation>
        </message>
        <message>
            <source>done</source>
            <translation>erledigt</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>abgebrochen</translation>
        </message>
        <message>
            <source>normal</source>
            <translation>normal</translation>
        </message>
        <message>
            <source>high</source>
            <translation>hoch</translation>
        </message>
        <message>
            <source>highest</source>
            <translation>höchste</translation>
        </message>
        <message>
            <source>urgent</source>
            <translation>dringend</translation>
        </message>
        <message>
            <source>I answered</source>
            <translation>Ich habe geantwortet</translation>
        </message>
        <message>
            <source>reply</source>
            <translation>antworten</translation>
        </message>
        <message>
            <source>due soon</source>
            <translation>bald fällig</translation>
        </message>
        <message>
            <source>nudge</source>
            <translation>nachhaken</translation>
        </message>
        <message>
            <source>escalate</source>
            <translation>eskalieren</translation>
        </message>
        <message>
            <source>check in</source>
            <translation>nachfragen</translation>
        </message>
        <message>
            <source>their supervisor</source>
            <translation>die Vorgesetzten</translation>
        </message>
        <message>
            <source>{name} promised this for {time} — check in</source>
            <translation>{name} hat das für {time} zugesagt – fragen Sie nach</translation>
        </message>
        <message>
            <source>{name} waits for “{title}” since {time} ({ago})</source>
            <translation>{name} wartet seit {time} auf „{title}“ ({ago})</translation>
        </message>
        <message>
            <source>in {span}</source>
            <translation>in {span}</translation>
        </message>
        <message>
            <source>overdue {span}</source>
            <translation>seit {span} überfällig</translation>
        </message>
        <message>
            <source>{span} ago</source>
            <translation>vor {span}</translation>
        </message>
        <message>
            <source>promised</source>
            <translation>zugesagt</translation>
        </message>
        <message>
            <source>acknowledged</source>
            <translation>bestätigt</translation>
        </message>
        <message>
            <source>Promised for {time}</source>
            <translation>Zugesagt für {time}</translation>
        </message>
        <message>
            <source>{name} asked {ago} — reply with done or an ETA</source>
            <translation>{name} hat {ago} gefragt – antworten Sie mit „erledigt“ oder einer Zeitangabe</translation>
        </message>
        <message>
            <source>You promised this to {name} for {time}, {left} — deliver or renegotiate now</source>
            <translation>Sie haben das {name} für {time} zugesagt, {left} – jetzt liefern oder neu vereinbaren</translation>
        </message>
        <message>
            <source>Your promise to {name} for {time} has passed — deliver now or tell them a new time</source>
            <translation>Ihre Zusage an {name} für {time} ist verstrichen – liefern Sie jetzt oder nennen Sie einen neuen Termin</translation>
        </message>
        <message>
            <source>You asked {name} {ago} and heard nothing — send a courteous reminder</source>
            <translation>Sie haben {name} {ago} gefragt und nichts gehört – senden Sie eine freundliche Erinnerung</translation>
        </message>
        <message>
            <source>Still no answer from {name}, asked {ago} — involve {who}</source>
            <translation>Noch immer keine Antwort von {name}, gefragt {ago} – beziehen Sie {who} ein</translation>
        </message>
        <message>
            <source>{name} asked me at {time}</source>
            <translation>{name} hat mich um {time} gefragt</translation>
        </message>
        <message>
            <source>I asked {name} at {time}</source>
            <translation>Ich habe {name} um {time} gefragt</translation>
        </message>
        <message>
            <source>{name} answered</source>
            <translation>{name} hat geantwortet</translation>
        </message>
        <message>
            <source>Renegotiated {old} → {new}</source>
            <translation>Neu vereinbart {old} → {new}</translation>
        </message>
        <message>
            <source>(after the promise had passed)</source>
            <translation>(nachdem die Zusage verstrichen war)</translation>
        </message>
        <message>
            <source>{name} promised this for {time} and it is still not done — involve {who}</source>
            <translation>{name} hat das für {time} zugesagt und es ist noch immer nicht erledigt – beziehen Sie {who} ein</translation>
        </message>
        <message>
            <source>promised for {time}</source>
            <translation>zugesagt für {time}</translation>
        </message>
        <message numerus="yes">
            <source>%n s</source>
            <translation>
                <numerusform>%n s</numerusform>
                <numerusform>%n s</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n Min.</numerusform>
                <numerusform>%n Min.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h</source>
            <translation>
                <numerusform>%n Std.</numerusform>
                <numerusform>%n Std.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n d</source>
            <translation>
                <numerusform>%n Tag</numerusform>
                <numerusform>%n Tage</numerusform>
            </translation>
        </message>
        <message>
            <source>{name} asked me</source>
            <translation>{name} hat mich gefragt</translation>
        </message>
        <message>
            <source>I asked {name}</source>
            <translation>Ich habe {name} gefragt</translation>
        </message>
        <message>
            <source>Prompted: {what}</source>
            <translation>Erinnert: {what}</translation>
        </message>
        <message>
            <source>(while I was away)</source>
            <translation>(während ich weg war)</translation>
        </message>
        <message>
            <source>Snoozed until {time}</source>
            <translation>Zurückgestellt bis {time}</translation>
        </message>
        <message>
            <source>copied</source>
            <translation>kopiert</translation>
        </message>
        <message>
            <source>opened in mail</source>
            <translation>im Mailprogramm geöffnet</translation>
        </message>
        <message>
            <source>Escalated</source>
            <translation>Eskaliert</translation>
        </message>
        <message>
            <source>Drafted a message</source>
            <translation>Nachricht entworfen</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Erledigt</translation>
        </message>
        <message>
            <source>{verb} ({how})</source>
            <translation>{verb} ({how})</translation>
        </message>
        <message>
            <source>Reopened</source>
            <translation>Wieder geöffnet</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Abgebrochen</translation>
        </message>
        <message>
            <source>to {name}</source>
            <translation>an {name}</translation>
        </message>
        <message>
            <source>Edited {fields}</source>
            <translation>Bearbeitet: {fields}</translation>
        </message>
        <message>
            <source>due now</source>
            <translation>jetzt fällig</translation>
        </message>
        <message>
            <source>wanted soon</source>
            <translation>bald gewünscht</translation>
        </message>
        <message>
            <source>reply {countdown}</source>
            <translation>antworten {countdown}</translation>
        </message>
        <message>
            <source>wanted {countdown}</source>
            <translation>gewünscht {countdown}</translation>
        </message>
        <message>
            <source>I owe {name}</source>
            <translation>Ich schulde {name}</translation>
        </message>
        <message>
            <source>{name} owes me</source>
            <translation>{name} schuldet mir</translation>
        </message>
        <message>
            <source>{name} wants this by {time}, {left}, and you have not promised a time — promise one or deliver</source>
            <translation>{name} möchte das bis {time}, {left}, und Sie haben keinen Termin zugesagt — sagen Sie einen zu oder liefern Sie</translation>
        </message>
        <message>
            <source>You wanted this from {name} by {time} and nobody promised a time — check in</source>
            <translation>Sie wollten das von {name} bis {time}, und niemand hat einen Termin zugesagt — fragen Sie nach</translation>
        </message>
        <message>
            <source>needs reply</source>
            <translation>Antwort nötig</translation>
        </message>
        <message>
            <source>awaiting reply</source>
            <translation>wartet auf Antwort</translation>
        </message>
        <message>
            <source>wanted by {time}</source>
            <translation>gewünscht bis {time}</translation>
        </message>
        <message>
            <source>{name} asked {ago} and wants it by {time} — reply with done, an ETA, or accept their time</source>
            <translation>{name} hat {ago} gefragt und möchte es bis {time} — antworten Sie mit erledigt, einem Termin oder sagen Sie den gewünschten zu</translation>
        </message>
        <message>
            <source>promised {time}</source>
            <translation>zugesagt {time}</translation>
        </message>
        <message>
            <source>reply by {time}</source>
            <translation>Antwort bis {time}</translation>
        </message>
        <message>
            <source>Prompt dismissed</source>
            <translation>Erinnerung beiseitegelegt</translation>
        </message>
        <message>
            <source>Saved: {what}</source>
            <translation>Gespeichert: {what}</translation>
        </message>
        <message>
            <source>direction → I owe them</source>
            <translation>Richtung → ich schulde es</translation>
        </message>
        <message>
            <source>direction → they owe me</source>
            <translation>Richtung → man schuldet es mir</translation>
        </message>
        <message>
            <source>no time wanted</source>
            <translation>keine gewünschte Zeit</translation>
        </message>
        <message>
            <source>person → {name}</source>
            <translation>Person → {name}</translation>
        </message>
        <message>
            <source>wanted by → {time}</source>
            <translation>gewünscht bis → {time}</translation>
        </message>
        <message>
            <source>in Promptly</source>
            <translation>in Promptly</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>Note from {name}</source>
            <translation>Notiz von {name}</translation>
        </message>
        <message>
            <source>reminder</source>
            <translation>Erinnerung</translation>
        </message>
        <message>
            <source>{name} promised {time}</source>
            <translation>{name} hat {time} zugesagt</translation>
        </message>
        <message>
            <source>{name} reminds you: {title}, asked {ago}</source>
            <translation>{name} erinnert Sie: {title}, gefragt {ago}</translation>
        </message>
        <message>
            <source>person {old} → {new}</source>
            <translation>Person {old} → {new}</translation>
        </message>
    </context>
</TS>
