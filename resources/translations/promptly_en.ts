<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>ExchangeMenu</name>
        <message numerus="yes">
            <source>Exported %n open promise(s) to {0}</source>
            <translation>
                <numerusform>Exported %n open promise to {0}</numerusform>
                <numerusform>Exported %n open promises to {0}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Exported %n request(s) to {0}</source>
            <translation>
                <numerusform>Exported %n request to {0}</numerusform>
                <numerusform>Exported %n requests to {0}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Imported %n request(s) from {0}.</source>
            <translation>
                <numerusform>Imported %n request from {0}.</numerusform>
                <numerusform>Imported %n requests from {0}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n already here, skipped.</source>
            <translation>
                <numerusform>%n already here, skipped.</numerusform>
                <numerusform>%n already here, skipped.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HoursPage</name>
        <message numerus="yes">
            <source>%n new day(s) added from the calendar.</source>
            <translation>
                <numerusform>%n new day added from the calendar.</numerusform>
                <numerusform>%n new days added from the calendar.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Notifier</name>
        <message numerus="yes">
            <source>%n prompts due</source>
            <translation>
                <numerusform>%n prompt due</numerusform>
                <numerusform>%n prompts due</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PromptWindow</name>
        <message numerus="yes">
            <source>%n prompt(s) came due while you were away.</source>
            <translation>
                <numerusform>%n prompt came due while you were away.</numerusform>
                <numerusform>%n prompts came due while you were away.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more come up as you deal with these.</source>
            <translation>
                <numerusform>%n more comes up as you deal with these.</numerusform>
                <numerusform>%n more come up as you deal with these.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>You still owe %n request(s):</source>
            <translation>
                <numerusform>You still owe %n request:</numerusform>
                <numerusform>You still owe %n requests:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RequestListWindow</name>
        <message numerus="yes">
            <source>%n shown</source>
            <translation>
                <numerusform>%n shown</numerusform>
                <numerusform>%n shown</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SummaryExport</name>
        <message numerus="yes">
            <source>%n requests</source>
            <translation>
                <numerusform>%n request</numerusform>
                <numerusform>%n requests</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SummaryWindow</name>
        <message numerus="yes">
            <source>{0} %n pts vs last week</source>
            <translation>
                <numerusform>{0} %n pt vs last week</numerusform>
                <numerusform>{0} %n pts vs last week</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{0} %n vs last week</source>
            <translation>
                <numerusform>{0} %n vs last week</numerusform>
                <numerusform>{0} %n vs last week</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TeamPage</name>
        <message numerus="yes">
            <source>and %n more</source>
            <translation>
                <numerusform>and %n more</numerusform>
                <numerusform>and %n more</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Joining shares %n requests with team members ({closed} done or cancelled):</source>
            <translation>
                <numerusform>Joining shares %n request with team members ({closed} done or cancelled):</numerusform>
                <numerusform>Joining shares %n requests with team members ({closed} done or cancelled):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Joining shares %n requests with team members:</source>
            <translation>
                <numerusform>Joining shares %n request with team members:</numerusform>
                <numerusform>Joining shares %n requests with team members:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n requests stay personal, with people outside the team:</source>
            <translation>
                <numerusform>%n request stays personal, with people outside the team:</numerusform>
                <numerusform>%n requests stay personal, with people outside the team:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Joining shares %n open requests with team members:</source>
            <translation type="vanished">
                <numerusform>Joining shares %n open request with team members:</numerusform>
                <numerusform>Joining shares %n open requests with team members:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open requests stay personal, with people outside the team:</source>
            <translation type="vanished">
                <numerusform>%n open request stays personal, with people outside the team:</numerusform>
                <numerusform>%n open requests stay personal, with people outside the team:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TeamSync</name>
        <message numerus="yes">
            <source>%n changes waiting</source>
            <translation>
                <numerusform>%n change waiting</numerusform>
                <numerusform>%n changes waiting</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message numerus="yes">
            <source>%n overdue</source>
            <translation>
                <numerusform>%n overdue</numerusform>
                <numerusform>%n overdue</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Wording</name>
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
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n h</source>
            <translation>
                <numerusform>%n h</numerusform>
                <numerusform>%n h</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n d</source>
            <translation>
                <numerusform>%n d</numerusform>
                <numerusform>%n d</numerusform>
            </translation>
        </message>
    </context>
</TS>
