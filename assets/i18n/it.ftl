# regulars — italiano. Ogni frase che l'utente legge, in sintassi Project Fluent (https://projectfluent.org).
# Deve avere esattamente gli stessi id di en.ftl, con le stesse $variabili: un test lo controlla.

## Testo rifiutato (accanto al campo in un modulo, o come errore di un comando)

error-name-required = Serve un nome.
error-too-long = Troppo lungo: al massimo { $max } caratteri.
paste-too-long = Non incollato: sarebbero { $chars } caratteri, e un campo ne tiene al massimo { $max }.
error-bad-phone = "{ $text }" non è un numero di telefono: usa cifre, spazi e + (almeno 3 cifre).
error-bad-email = "{ $text }" non è un indirizzo email.
error-bad-birthday = "{ $text }" non è una data di compleanno: scrivi GG/MM o GG/MM/AAAA.
error-birthday-in-future = "{ $text }" è una data futura: un compleanno non può essere dopo oggi (se non sai l'anno, scrivi solo GG/MM).
error-bad-date = "{ $text }" non è una data: scrivi oggi, domani, lunedì, +3g, 25/12, 25/12/2026 o 2026-12-25.
error-no-such-date = "{ $text }" non esiste nel calendario: controlla giorno e mese.
error-bad-since = "{ $text }" non è una data: scrivi un anno (2015), un mese (03/2015), un giorno (01/03/2015 o 2015-03-01), o quanto tempo fa (-3a).
error-since-in-future = "{ $text }" è nel futuro, e "cliente dal" non può esserlo.
error-bad-amount = "{ $text }" non è un importo: scrivi 12,50 o 12.50.
error-ambiguous-amount = "{ $text }": centesimi o migliaia? Scrivi 12,35 o 12.35 per i centesimi, { $thousands } per le migliaia.
error-note-required = La nota è vuota.
error-forget-name = Scrivi il nome come sulla scheda (maiuscole e accenti non contano), oppure premi Esc.
add-consent-without-contact = { $channel ->
    [sms] --consent sms ha bisogno di un numero di telefono a cui mandare gli SMS: aggiungi --phone, o togli il consenso.
    [phone] --consent phone ha bisogno di un numero di telefono da chiamare: aggiungi --phone, o togli il consenso.
   *[email] --consent email ha bisogno di un indirizzo email: aggiungi --email, o togli il consenso.
}
error-consent-without-contact = { $channel ->
    [sms] Gli SMS sono spuntati, ma non c'è un numero di telefono: aggiungilo, o togli la spunta.
    [phone] Le telefonate sono spuntate, ma non c'è un numero di telefono: aggiungilo, o togli la spunta.
   *[email] L'email è spuntata, ma non c'è un indirizzo email: aggiungilo, o togli la spunta.
}
error-promise-required = Scrivi che cosa è stato promesso.
error-complaint-answers = Un reclamo non può rispondere a un reclamo: scegli nota, complimento o scuse.
error-due-in-past = "{ $text }" è nel passato: una promessa scade oggi o più avanti.

## La schermata principale

search-title = Cerca
search-placeholder = scrivi un nome, un soprannome o un numero di telefono…
list-title = Clienti
detail-title = Scheda cliente
notes-title = Storico
no-customers-yet = Ancora nessun cliente. Scrivi un nome e premi Invio per aggiungere il primo.
no-selection = Nessun cliente selezionato.
nothing-yet = Ancora niente nello storico.
no-match = Nessun cliente trovato per "{ $query }". Premi Invio per aggiungerlo come nuovo cliente.
list-count-all = { $total ->
    [one] 1 cliente
   *[other] { $total } clienti
}
list-count-some = { $shown } di { $total }
greet = Salutare come: { $name }
since-line = Cliente { $tenure } (dal { $since })
last-visit-never = Ultima visita: ancora nessuna
last-visit = Ultima visita: { $when } · { $visits }
visits = { $count ->
    [one] 1 visita
   *[other] { $count } visite
}
birthday-today = Compleanno oggi!
birthday-today-turning = Compleanno oggi! Compie { $age } anni
birthday-tomorrow = Compleanno domani ({ $date })
birthday-tomorrow-turning = Compleanno domani ({ $date }, compie { $age } anni)
birthday-in-days = Compleanno tra { $days } giorni ({ $date })
birthday-in-days-turning = Compleanno tra { $days } giorni ({ $date }, compie { $age } anni)
label-likes = Preferenze
label-pinned = In evidenza
label-phone = Telefono
label-email = Email
label-tags = Etichette
label-id = id
label-tier = Livello
note-kind-note = Nota
note-kind-praise = Complimento
note-kind-complaint = Reclamo
note-kind-apology = Scuse
timeline-visit = Visita
timeline-void = Annullamento
timeline-promise = Promessa
timeline-promise-kept = Promessa mantenuta
timeline-promise-cancelled = Promessa ritirata
timeline-reward = Premio ritirato
stamps-used = { $count ->
    [one] 1 timbro
   *[other] { $count } timbri
}
promise-state-kept = mantenuta
promise-state-cancelled = ritirata
promise-due = entro il { $date }
promise-open-line = ◆ entro il { $date }: { $text }
more-on-card = … e altre { $count } (Tab: lo storico)
promise-today-line = ◆ entro oggi: { $text }
promise-overdue-line = ! IN RITARDO, era entro il { $date }: { $text }
agenda-promise-overdue = ! promessa in ritardo, era entro il { $date }
agenda-promise-due = promessa entro il { $date }
agenda-promise-today = promessa entro oggi
agenda-birthday-today = compleanno oggi
agenda-birthday-today-turns = compleanno oggi: compie { $age } anni
agenda-birthday = compleanno il { $date }
agenda-birthday-turns = compleanno il { $date }: compie { $age } anni
agenda-anniversary = { $years ->
    [one] cliente da un anno oggi
   *[other] cliente da { $years } anni oggi
}
agenda-complaint = ! reclamo aperto dal { $date }
agenda-section-promises = Promesse in ritardo e in scadenza questa settimana ({ $count })
agenda-section-birthdays = Compleanni della settimana ({ $count })
agenda-section-anniversaries = Anniversari di oggi ({ $count })
agenda-section-thanks = Da ringraziare ({ $count })
agenda-thank = ringrazia: prima visita di { $name } { $date }
agenda-section-lapsed = Abituali persi di vista ({ $count })
agenda-lapsed = assente da { $days } giorni, di solito ogni { $rhythm ->
    [one] giorno
   *[other] { $rhythm } giorni
}
agenda-section-complaints = Reclami in attesa di risposta ({ $count })
agenda-title = Oggi, { $date }
agenda-empty = Niente in agenda oggi: nessuna promessa in scadenza, nessun compleanno questa settimana, nessun reclamo in attesa.
bar-due = { $count } oggi
answers-complaint = risposta
open-complaint-line = ! Reclamo aperto dal { $date }: { $text }

## Da quanto: anzianità, giorni relativi

tenure-new-today = nuovo da oggi
tenure-days = { $n ->
    [one] da 1 giorno
   *[other] da { $n } giorni
}
tenure-months = { $n ->
    [one] da 1 mese
   *[other] da { $n } mesi
}
tenure-years = { $n ->
    [one] da 1 anno
   *[other] da { $n } anni
}
tenure-year-and-months = da 1 anno e { $months ->
    [one] 1 mese
   *[other] { $months } mesi
}
day-today = oggi
day-yesterday = ieri
days-ago = { $n } giorni fa
weeks-ago = { $n ->
    [one] 1 settimana fa
   *[other] { $n } settimane fa
}
months-ago = { $n ->
    [one] 1 mese fa
   *[other] { $n } mesi fa
}
years-ago = { $n ->
    [one] un anno fa
   *[other] { $n } anni fa
}
day-future = nel futuro
short-today = oggi
short-days = { $n ->
    [one] ieri
   *[other] { $n }g
}
short-weeks = { $n }s
short-months = { $n }m
short-years = { $n }a
short-future = futuro

## Messaggi di stato

visit-pending = Registro la visita di { $name }…
write-pending = Salvo per { $name }…
visit-logged = Visita registrata per { $name }.
note-added = Nota su { $name } aggiunta.
promise-made = Promessa a { $name } salvata, { $due }.
promise-kept-status = Promessa mantenuta per { $name }: { $text }
promise-cancelled-status = Promessa ritirata per { $name }: { $text }
no-open-promise = Nessuna promessa aperta da segnare come mantenuta.
customer-added = Nuovo cliente aggiunto: { $name }.
customer-saved = Modifiche a { $name } salvate.
not-saved = Non salvato: { $reason } Il testo è ancora nel modulo.
failed = Non riuscito: { $reason }
draft-restored = È tornato un modulo rimasto non salvato l'ultima volta: Invio lo salva, Esc lo scarta.
draft-restored-gone = Il modulo non salvato è tornato, ma il suo cliente non c'è più: Esc lo scarta.
draft-saved-already = Era già salvato: Invio lo salva di nuovo (una volta sola), Esc lo lascia com'è.
form-note-for = Nota su { $name }
form-visit-for = Visita di { $name }
form-promise-for = Promessa a { $name }
form-edit-for = Modifica di { $name }
form-note-gone = Nota su un cliente che non c'è più
form-visit-gone = Visita di un cliente che non c'è più
form-promise-gone = Promessa a un cliente che non c'è più
form-edit-gone = Modifica di un cliente che non c'è più
form-forget-for = Dimentica { $name } per sempre
field-forget-name = Il suo nome
hint-forget-name = scrivi il nome come sulla scheda
forget-explained = La scheda, le visite, le note, le promesse e i legami di presentazione vengono cancellati da questo archivio, e nei suoi file non ne resta un byte. Non si può annullare. I backup fatti prima li contengono ancora.
forgotten-here = Tutto ciò che riguardava { $name } è stato dimenticato; i backup fatti prima lo contengono ancora.
nothing-to-undo = Niente da annullare: si annulla solo l'ultimo salvataggio, entro 10 minuti.
nothing-more-to-undo = Nient'altro da annullare: si annulla solo l'ultimo salvataggio.
nothing-in-history = Ancora niente nello storico.
question-not-answered = Sembrava un nome scritto: nessuna risposta data. Leggi la domanda, poi premi s o n.
already-a-customer = { $name } è già cliente (eccolo). Ctrl-N di nuovo ne aggiunge un altro.
entry-title = Storico di { $name }
by-staff = di { $name }
by-nobody = operatore non registrato
undo-question-visit = Annullare la visita di { $name } registrata alle { $time }? s/n
undo-question-note = Annullare la nota su { $name } aggiunta alle { $time }? s/n
undo-question-edit = Annullare le modifiche a { $name } fatte alle { $time }? s/n
undo-question-added = Annullare l'aggiunta di { $name } fatta alle { $time }? Il cliente verrà tolto. s/n
undo-question-void = Annullare l'annullamento fatto per { $name } alle { $time }? Ciò che aveva tolto torna a contare. s/n
undo-question-promise = Annullare la promessa fatta a { $name } alle { $time }: "{ $what }"? s/n
undo-question-kept = Riaprire la promessa a { $name } segnata come mantenuta alle { $time }: "{ $what }"? s/n
undo-question-cancelled = Riaprire la promessa a { $name } ritirata alle { $time }: "{ $what }"? s/n
undo-question-redeemed = Annullare il premio ritirato da { $name } alle { $time }? I timbri tornano sulla tessera. s/n
void-question-visit = Annullare la visita di { $name } del { $when }? Non conterà più ed esce dallo storico (Ctrl-Z la riporta). s/n
void-question-note = Annullare la nota su { $name } del { $when }? Esce dallo storico (Ctrl-Z la riporta). s/n
void-question-promise = Annullare la promessa del { $when } a { $name }? Esce dalla scheda e dallo storico (Ctrl-Z la riporta). s/n
void-question-promise-end = Riaprire la promessa per { $name } mantenuta o ritirata il { $when }? s/n
void-question-consent = Annullare la modifica del consenso di { $name } del { $when }? Torna a valere quello di prima (Ctrl-Z la riporta). s/n
void-question-redemption = Annullare il premio ritirato da { $name } il { $when }? I timbri tornano sulla tessera (Ctrl-Z li ritoglie). s/n
cancel-promise-question = Ritirare la promessa a { $name }: "{ $text }"? Resta nello storico come ritirata. s/n
visit-again-question = Una visita di { $name } è già stata registrata alle { $time }. Registrarne un'altra? s/n
same-name-question = { $name } è già cliente. Aggiungere un altro cliente con lo stesso nome? s/n
undone-visit = Fatto: la visita di { $name } è stata annullata.
undone-note = Fatto: la nota su { $name } è stata annullata.
undone-edit = Fatto: la scheda di { $name } è tornata com'era.
undone-added = Fatto: l'aggiunta di { $name } è stata annullata.
undone-void = Fatto: ciò che era stato annullato per { $name } torna a contare.
undone-promise = Fatto: la promessa a { $name } è annullata.
undone-promise-end = Fatto: la promessa a { $name } è di nuovo aperta.
undone-redeemed = Fatto: il premio di { $name } torna sulla tessera.
voided-visit = Visita di { $name } annullata.
voided-note = Nota su { $name } annullata.
voided-promise = Promessa annullata per { $name }.
voided-promise-end = La promessa a { $name } è di nuovo aperta.
voided-consent = Modifica del consenso di { $name } annullata: vale di nuovo quello di prima.
voided-redemption = Il premio ritirato da { $name } è annullato: i timbri tornano sulla tessera.
form-cancelled = Modulo chiuso: non è stato salvato niente.
fix-field = Correggi il campo evidenziato.

## Moduli

form-new-customer = Nuovo cliente
form-edit-customer = Modifica cliente
form-note = Nota
form-visit = Visita
form-promise = Promessa
field-name = Nome
field-nickname = Salutare come
field-phones = Telefoni
field-email = Email
field-birthday = Compleanno
field-since = Cliente dal
field-tags = Etichette
field-likes = Preferenze
field-note-text = Testo
field-promise-text = Promesso
field-due = Entro il
field-answers = Risponde
field-note-kind = Tipo
field-pinned = In evidenza
field-amount = Importo
field-what = Cosa ha preso
field-till = Cassa
hint-phones = più numeri separati da virgole
hint-birthday = GG/MM o GG/MM/AAAA
hint-since = vuoto = oggi; 2006, 01/03/2010…
hint-tags = separate da virgole
hint-choice = ← → per cambiare
hint-toggle = Spazio per cambiare
hint-amount = facoltativo, es. 12,50
hint-due = oggi, domani, +3g, +2s, venerdì, 25/12; vuoto: oggi
hint-answers = Spazio: questa nota risponde al reclamo aperto
yes = sì
no = no
# The answers (y = …, n = …) are joined by no-break spaces: the question box never splits them.
discard-question = Scartare quello che hai scritto? s = scarta, n = continua a scrivere
quit-question = Uscire con un modulo aperto? Quello che hai scritto lo ritrovi la prossima volta. s = esci, n = continua a scrivere
quit-question-throwaway = Uscire con un modulo aperto? È la demo: il suo archivio viene eliminato, e con esso quello che hai scritto. s = esci, n = continua a scrivere
crashed = regulars si è fermato per un errore imprevisto; niente di ciò che era salvato è andato perso, e il modulo che stavi compilando torna al prossimo avvio.
crashed-log = regulars si è fermato per un errore imprevisto; niente di ciò che era salvato è andato perso, e il modulo che stavi compilando torna al prossimo avvio. I dettagli sono in { $log }.

## Aiuto e barra dei tasti

help-title = Aiuto — tasti
help-footer = Esc chiude questo aiuto.
help-more-below = ↓ continua sotto
help-more-above = ↑ continua sopra
help-more-both = ↑ ↓ continua
help-scroll = Scorri questo aiuto (anche PagSu, PagGiù, Inizio, Fine)
bar-scroll = scorri
mode-search = Nella ricerca
mode-customer = Nella scheda cliente
mode-form = In un modulo
mode-anywhere = Ovunque
key-typing = lettere, cifre
key-a-name = un nome
key-enter = Invio
key-up = ↑
key-down = ↓
key-up-down = ↑ ↓
key-page-up = PagSu
key-page-down = PagGiù
key-home = Inizio
key-end = Fine
key-esc = Esc
key-tab = Tab
key-shift-tab = Maiusc-Tab
key-alt-enter = Alt-Invio
key-yes = s
key-no = n
bar-open = apri
bar-move = sposta
bar-visit = visita
bar-note = nota
bar-today = oggi
bar-promise = promessa
bar-kept = mantenuta
bar-edit = modifica
bar-back = indietro
bar-next-field = campo seguente
bar-save = salva
bar-forget = dimentica
bar-cancel = annulla
bar-close = chiudi
bar-new = nuovo
bar-help = aiuto
bar-quit = esci
help-type = Scrivi un nome, un soprannome o delle cifre del telefono: la lista si restringe mentre scrivi
help-type-on-card = Scrivi un nome per passare alla ricerca successiva: una lettera seguita subito da altre lettere non è mai un comando, mentre una lettera di comando da sola agisce subito
help-clear-text = Cancella prima o dopo il cursore, o la parola precedente
help-open = Apri il cliente selezionato; se non corrisponde nessuno, il nome scritto diventa un nuovo cliente
help-move = Sposta la selezione
help-page-up = Sali di una pagina
help-page-down = Scendi di una pagina
help-home = Vai al primo dell'elenco
help-end = Vai all'ultimo dell'elenco
help-clear = Svuota la ricerca
help-visit = Registra una visita adesso
help-visit-form = Registra una visita con importo e cosa ha preso
help-note = Aggiungi una nota (complimento, reclamo, scuse…)
help-today = Mostra l'agenda di oggi: promesse in scadenza, compleanni, anniversari, reclami in attesa, abituali fuori ritmo, chi ringraziare
help-today-open = Apri il cliente della riga scelta
help-today-close = Chiudi Oggi (anche Ctrl-T)
help-promise = Fai una promessa, con il giorno entro cui mantenerla
help-kept = Segna mantenuta la prima promessa aperta (nello storico: quella scelta)
help-hide = Nascondi subito tutto ciò che è sullo schermo (anche Ctrl-L); il prossimo tasto lo riporta e basta
privacy-back = Premi un tasto per tornare alla postazione
help-edit = Modifica i dati del cliente
help-back = Torna alla ricerca vuota, pronta per il prossimo cliente
help-next-field = Vai al campo successivo
help-prev-field = Torna al campo precedente
help-save = Salva
help-new-line = Vai a capo in un testo lungo
help-cancel = Chiudi il modulo (se hai scritto qualcosa, prima chiede conferma)
help-close = Chiudi l'aiuto
bar-history = storico
bar-read = leggi
bar-void = annulla
bar-cancel-promise = ritira promessa
help-history = Vai allo storico: scegli una voce per leggerla per intero, annullarla o ritirare una promessa
help-forget = Dimentica per sempre questa scheda e tutti i suoi dati (chiede prima il nome; non si può annullare)
help-undo = Annulla l'ultima cosa salvata da questa postazione (negli ultimi 10 minuti; prima dice cosa e chiede conferma)
help-read = Mostra per intero la voce scelta: tutto il testo, chi l'ha scritta e quando
help-void = Annulla la visita o la nota scelta (non conta più ed esce dallo storico, l'archivio la conserva come annullata, Ctrl-Z la riporta), o ritira la promessa aperta scelta; prima chiede conferma
help-focus-card = Torna alla scheda cliente
help-close-entry = Chiudi la voce
help-slash = Inizia una nuova ricerca, come Esc: le lettere che scrivi dopo sono la ricerca
key-esc-tab = Esc, Tab
mode-timeline = Nello storico
mode-entry = Lettura di una voce
mode-today = Oggi
help-new = Aggiungi un nuovo cliente (il nome viene dalla ricerca)
help-help = Mostra questo aiuto
help-quit = Esci (anche con Ctrl-C; se un modulo contiene del testo, prima chiede conferma)

## Errori dell'archivio e della riga di comando

store-locked = L'archivio in { $path } è già aperto altrove (in un'altra postazione o in un comando di regulars): chiudilo lì e riprova.
store-too-new = L'archivio in { $path } è stato scritto da una versione più recente di regulars (formato { $found }; questa legge fino al { $supported }): aggiorna regulars per aprirlo.
store-damaged = L'archivio in { $path } è danneggiato ({ $detail }): ripristinalo da un backup (vedi il README, "Backup").
disk-full = Il disco dell'archivio in { $path } è pieno: non si può salvare altro finché non si libera spazio.
store-not-writable = Questo utente non può scrivere nell'archivio in { $path } (permesso negato), e la postazione deve poterci scrivere anche solo per leggerlo: controlla proprietario e permessi della cartella, o usane una copia.
store-io = Non è stato possibile usare l'archivio in { $path }: { $detail }.
damage-unreadable = sled non è riuscito a leggerlo
damage-schema-unreadable = la versione dello schema è illeggibile
damage-schema-lost = è stato usato ma ha perso la versione dello schema
damage-no-schema = contiene dati ma nessuna versione dello schema
damage-store-id = l'id dell'archivio è illeggibile
damage-journal = una voce del registro dell'indice è malformata
damage-identity-lost = è stato usato ma ha perso il suo record di identità
damage-customers-missing = mancano clienti che conteneva prima
damage-no-migration = nessuna migrazione possibile dal formato { $version }
damage-meta-unreadable = { $key } in meta è illeggibile
record-customer = un cliente
record-visit = una visita
record-note = una nota
record-void = un annullamento
record-promise = una promessa
record-redemption = un premio ritirato
record-consent = una modifica del consenso
record-figures = i conteggi delle visite di un cliente
codec-empty = un record vuoto
codec-unknown-version = un record nel formato { $version }, che questa versione non conosce
codec-malformed = un record illeggibile ({ $detail })
no-customer = Non c'è nessun cliente con id { $id }.
no-event = Non c'è nessuna visita, nota o promessa con id { $id }.
already-voided = { $id } è già stato annullato.
no-reward-ready = Nessun premio è ancora pronto: { $stamps } timbri su { $per_reward }.
no-promise = Non c'è nessuna promessa con id { $id }.
no-complaint = { $id } non è un reclamo aperto di questo cliente (forse ha già avuto risposta).
promise-already-ended = La promessa { $id } è già stata { $outcome ->
    [kept] mantenuta
   *[cancelled] ritirata
}.
customer-in-use = Il cliente { $id } ha già visite o note, quindi non può essere tolto.
bad-backup = Il backup { $path } non si può usare: { $detail } Non è stato ripristinato niente.
bad-backup-checked = Il backup { $path } non si può usare: { $detail }
not-a-backup = { $path } non è un backup di questa postazione.
store-not-empty = L'archivio in { $path } contiene già { $customers ->
    [one] 1 cliente
   *[other] { $customers } clienti
}: ripristina solo in un archivio vuoto, oppure aggiungi --force (prima l'archivio attuale viene salvato in un backup accanto).
backup-unknown-format = è scritto nel formato di backup { $format }, che questa versione non sa leggere.
backup-cut-short = è troncato (una copia non finita?).
backup-malformed = il contenuto non è disposto come quello di un backup.
backup-checksum = il checksum non corrisponde, quindi il file è stato danneggiato o modificato dopo essere stato scritto.
backup-io = Impossibile leggere o scrivere il file di backup { $path }: { $reason }.
backup-no-folder = La cartella { $folder } non esiste: controlla il percorso (la chiavetta USB è inserita?).
backup-missing = Il file { $path } non esiste.
backup-not-allowed = Questo utente non può leggere o scrivere { $path } (permesso negato).
backup-inside-store = { $path } è dentro la cartella dell'archivio ({ $store }): metti i backup fuori, dove una cancellazione o un ripristino non li possono portare via.
backup-made = Backup fatto: { $path }
backup-failed = Non è stato possibile fare il backup: { $reason }
backup-stale = L'ultimo backup è di { $days } giorni fa (in { $folder }).
no-backup-yet = Ancora nessun backup di questo archivio: se ne fa uno quando la postazione si chiude.
export-written = Esportazione scritta in { $path }.
backup-written = Backup scritto in { $path }: { $customers ->
    [one] 1 cliente
   *[other] { $customers } clienti
}, { $records } record.
backup-replaced = Ha sostituito il file con quel nome che c'era prima.
backup-verified = { $path } è un backup integro: { $customers ->
    [one] 1 cliente
   *[other] { $customers } clienti
}, { $records } record.
restored = { $customers ->
    [one] Ripristinato 1 cliente
   *[other] Ripristinati { $customers } clienti
} da { $file } in { $store }.
restore-saved-first = L'archivio che c'era è stato prima salvato come { $path }.
forget-question = Dimenticare per sempre { $name } e tutti i suoi dati? Non si può annullare. Scrivi s per procedere:
forget-not-done = Non è stato dimenticato niente.
forget-progress = dimentica: { $records } record riscritti…
forgotten = Dimenticati i dati di { $name } ({ $id }): la scheda, { $visits ->
    [0] 0 visite
    [one] 1 visita
   *[other] { $visits } visite
}, { $notes ->
    [0] 0 note
    [one] 1 nota
   *[other] { $notes } note
} e { $promises ->
    [0] 0 promesse
    [one] 1 promessa
   *[other] { $promises } promesse
} sono state cancellate, e nessun file dell'archivio le contiene più. I backup fatti prima sì: ripristinarne uno riporta i suoi dati.
own-backups-in = I backup fatti dalla postazione sono in { $folder }.
export-needs-format = Indica cosa esportare: --format csv per tutti i clienti come foglio di calcolo, --format vcf come schede contatto, --format json per tutto l'archivio, --person ID per i dati di una persona, o --consented CANALE per una lista di invio.
export-person-is-json = I dati di una persona si esportano in JSON: togli --format, o indica --format json.
cannot-write = Impossibile scrivere { $path }: { $why }.
io-not-found = il file o la cartella non esiste
io-permission-denied = permesso negato
io-is-a-folder = è una cartella
io-disk-full = il disco è pieno
io-read-only = il disco è di sola lettura
bad-id = "{ $id }" non è un id (gli id sono come 01JD4Q8W6ZK3V9YB7M2N5P1RXC).
bad-note-kind = "{ $kind }" non è un tipo di nota: usa nota, complimento, reclamo o scuse.
bad-language = "{ $lang }" non è una lingua di regulars: usa en o it.
demo-store-not-empty = L'archivio in { $path } ha già { $count ->
    [one] 1 cliente
   *[other] { $count } clienti
}: demo riempie solo un archivio vuoto (scegline un altro con --db).
demo-too-many = demo crea al massimo { $max } clienti; { $count } sono troppi.
demo-progress = demo: { $done } di { $total } clienti scritti…
demo-done = Aggiunti { $count } clienti di prova in { $path }.
no-data-dir = Non c'è una cartella home dove tenere l'archivio: indicane uno con --db PERCORSO o con REGULARS_DB.
config-where = Il file delle impostazioni { $path }
config-where-line = Il file delle impostazioni { $path }, riga { $line }
config-problem = { $where }: { $key } { $reason }.
config-problem-file = { $where }: { $reason }.
config-not-toml = non è un file di impostazioni valido ({ $detail })
config-unreadable = non si può leggere ({ $detail })
config-unknown-key = non è un'impostazione di regulars (qui conosce: { $known })
config-wrong-type = deve essere { $expected }
config-expected-text = un testo tra virgolette
config-expected-whole-number = un numero intero, da 0 in su
config-expected-number = un numero
config-expected-bool = true o false
config-expected-date = una data
config-expected-list = un elenco
config-expected-section = una sezione a sé
config-bad-language = deve essere "en" o "it" (o vuoto, per la lingua del sistema), non "{ $value }"
config-bad-stamp-per = deve essere "visit" o "amount", non "{ $value }"
config-bad-amount = deve essere un importo sopra zero, come "10.00", non "{ $value }"
config-out-of-range = deve essere tra { $min } e { $max }
config-tier-count = deve avere da 1 a { $max } livelli
config-first-tier = deve essere 0: il primo livello è quello da cui partono tutti
config-tier-step = deve essere più di quanto chiede il livello prima
config-tier-needs-years = ha un livello senza anni: ogni livello ha bisogno dei suoi anni da cliente (years = 0 per il primo)
config-tier-name = deve avere al massimo 20 caratteri, su una riga
demo-is-for-the-desk = --demo apre la postazione su un archivio usa e getta; per riempire un archivio da usare con i comandi, usa `regulars --db PERCORSO demo`.
usage-error = { $detail } (vedi regulars --help).
usage-error-in = { $detail } (vedi regulars { $command } --help).
usage-missing = Manca { $args }.
usage-unknown-argument = { $arg } non è un'opzione di questo comando.
usage-unknown-command = { $command } non è un comando.
usage-invalid-value = "{ $value }" non è un valore valido per { $arg }.
usage-conflict = { $arg } non si può usare insieme a { $other }.
no-terminal = La postazione ha bisogno di un terminale; per gli script usa i sottocomandi (regulars --help).

## L'aiuto della riga di comando (--help)

cli-about = Una postazione fedeltà da tastiera per il banco del negozio.
cli-long-about = Una postazione fedeltà da tastiera per il banco del negozio: scrivi poche lettere, saluta per nome il cliente abituale, ricorda cosa gli piace, registra la visita con un tasto.

    Senza sottocomando si apre la postazione.
cli-usage = Uso
cli-options = Opzioni
cli-arguments = Argomenti
cli-commands = Comandi
# The section names of the manual page (`regulars man`).
man-name = NOME
man-synopsis = SINTASSI
man-description = DESCRIZIONE
man-manual = Manuale dei comandi
cli-command-name = COMANDO
cli-options-name = OPZIONI
cli-flag-help = Mostra l'aiuto
cli-flag-version = Mostra la versione
cli-arg-db = L'archivio da usare (una cartella; anche la variabile d'ambiente REGULARS_DB). Predefinito: la cartella dati della piattaforma, es. ~/.local/share/regulars/store
cli-arg-staff = Chi è al banco; registrato su visite e note (predefinito: dal file di configurazione)
cli-arg-lang = La lingua della postazione e dei comandi (predefinita: dal file di configurazione, altrimenti dal locale, es. LANG=it_IT.UTF-8)
cli-arg-demo = Apri la postazione su un archivio usa e getta pieno di clienti di prova (cancellato alla chiusura)
cli-add = Aggiungi un cliente; stampa il nuovo id
cli-add-name = Nome e cognome
cli-add-nickname = Come salutarlo
cli-add-phone = Un numero di telefono (ripeti per più numeri)
cli-add-email = Un indirizzo email
cli-add-birthday = GG/MM, GG/MM/AAAA o AAAA-MM-GG
cli-add-consent = Un canale su cui accetta di essere contattato: sms, email, telefono o posta (ripeti per più canali)
cli-add-since = Cliente dal (predefinito oggi): 2006, 01/03/2010, 2010-03-01
cli-add-tag = Un'etichetta (ripeti per più etichette)
cli-add-likes = Cosa gli piace
cli-add-referred_by = L'id del cliente che lo ha presentato
cli-find = Cerca i clienti come fa la postazione (accenti, soprannomi, cifre del telefono)
cli-find-query = Poche lettere di un nome o soprannome, o cifre del telefono (più parole restringono la ricerca)
cli-find-limit = Mostra al massimo N clienti (predefinito 20)
cli-find-json = Stampa un array JSON invece delle righe
cli-show = Mostra il profilo e lo storico di un cliente
cli-show-id = L'id del cliente (come stampato da add o find)
cli-show-json = Stampa un oggetto JSON invece del testo
cli-visit = Registra una visita adesso; stampa l'id della visita
cli-visit-id = L'id del cliente
cli-visit-amount = Quanto ha speso, es. 12,50 o 12.50
cli-visit-what = Cosa ha preso
cli-note = Aggiungi una nota; stampa l'id della nota
cli-note-id = L'id del cliente
cli-note-text = La nota
cli-note-kind = Il tipo di nota: nota, complimento, reclamo o scuse (anche note, praise, complaint, apology; predefinito: nota)
cli-note-pin = Mettila in evidenza sulla scheda cliente
cli-note-answers = L'id del reclamo aperto a cui questa nota risponde (delle scuse rispondono comunque a ogni reclamo precedente)
cli-void = Annulla un record registrato per sbaglio: una visita, una nota, una promessa o come è finita, un premio ritirato, un cambio di consenso (resta nello storico come annullato)
cli-void-id = L'id del record
cli-today = Mostra l'agenda di oggi: promesse in ritardo e in scadenza questa settimana, compleanni della settimana, anniversari di oggi, reclami in attesa di risposta, chi ringraziare per un cliente portato, i clienti abituali oltre il loro ritmo
cli-today-json = Stampala in JSON: un array per sezione
cli-lapsed = Elenca gli abituali fuori dal loro ritmo, prima chi lo è di più
cli-lapsed-json = Stampali in JSON: un array con id, name, days_since_last, rhythm_days e channel
cli-redeem = Consegna a un cliente il premio pronto sulla sua tessera; stampa l'id del ritiro
cli-redeem-id = L'id del cliente
cli-config = Gestisci il file delle impostazioni: dov'è, cosa vale, se è giusto
cli-config-path = Stampa dov'è il file delle impostazioni (può mancare: valgono le predefinite)
cli-config-show = Stampa le impostazioni in uso: le predefinite con sopra le righe del file
cli-config-check = Controlla il file delle impostazioni: ogni errore con la sua riga, e uscita non zero
cli-consent = Registra il consenso di un cliente a essere contattato su un canale, dato (sì) o revocato (no); stampa l'id della modifica
cli-consent-id = L'id del cliente
cli-consent-channel = sms, email, telefono o posta
cli-consent-answer = sì (o yes): consenso dato; no: revocato
cli-consent-source = Dove è stato chiesto (predefinito: "chiesto al banco")
cli-consent-date = Il giorno in cui è stato dato o revocato, se non oggi: 25/11, 2026-11-25, -3g
cli-export-consented = Scrivi un CSV dei clienti che hanno acconsentito a questo canale (sms, email, telefono o posta), per un servizio di email o SMS
cli-export-lapsed = Con --consented: solo gli abituali fuori dal loro ritmo
cli-value-yes-no = sì|no
cli-value-channel = CANALE
cli-promise = Fai una promessa; stampa l'id della promessa
cli-promise-id = L'id del cliente
cli-promise-text = Che cosa è stato promesso
cli-promise-due = Entro quando: oggi, domani, +3g, +2s, venerdì, 25/12 o 2026-12-25 (mai nel passato)
cli-kept = Segna una promessa come mantenuta
cli-kept-id = L'id della promessa
cli-cancel = Ritira una promessa (resta nello storico come ritirata)
cli-cancel-id = L'id della promessa
cli-forget = Dimentica per sempre la scheda di un cliente e tutti i suoi dati, senza lasciarne un byte nei file dell'archivio
cli-forget-id = L'id del cliente
cli-forget-yes = Non chiedere conferma
cli-export = Esporta quello che il negozio conserva: tutti i clienti in CSV o vCard, tutto l'archivio in JSON, una persona in JSON, o una lista di invio
cli-export-person = L'id del cliente (tutto ciò che lo riguarda: il diritto di accesso)
cli-export-output = Scrivi in questo file invece che sullo schermo
cli-backup = Scrivi un backup di tutto l'archivio in un file (o controllane uno con --verify)
cli-backup-file = Il file di backup
cli-backup-verify = Controlla soltanto che FILE sia un backup integro
cli-restore = Ripristina l'archivio da un backup (solo in un archivio vuoto, o con --force)
cli-restore-file = Il file di backup
cli-restore-force = Sostituisci un archivio che contiene dati (prima viene salvato in un backup accanto)
cli-sync = Invia all'hub di sincronizzazione ciò che questa cassa ha scritto, e prendi ciò che hanno scritto le altre
cli-sync-status = Di' soltanto a che punto è questa cassa (cosa attende l'invio, l'ultimo contatto), senza contattare l'hub
cli-demo = Riempi un archivio vuoto con clienti, visite e note di prova verosimili (nella lingua scelta)
cli-demo-customers = Quanti clienti (predefinito 200)
cli-demo-seed = Lo stesso seme dà gli stessi clienti (predefinito 1)
cli-value-path = PERCORSO
cli-value-file = FILE
cli-value-name = NOME
cli-value-en-it = en|it
cli-value-nickname = SOPRANNOME
cli-value-phone = TELEFONO
cli-value-email = EMAIL
cli-value-birthday = DATA
cli-value-since = DATA
cli-value-tag = ETICHETTA
cli-value-likes = TESTO
cli-value-referred-by = ID
cli-value-query = RICERCA
cli-value-limit = N
cli-value-id = ID
cli-value-amount = IMPORTO
cli-value-what = TESTO
cli-value-text = TESTO
cli-value-kind = TIPO
cli-value-when = QUANDO
cli-value-customers = N
cli-value-seed = SEME

## Loyalty: stamps, rewards, tiers, rhythm

bar-redeem = premio
help-redeem = Consegna il premio pronto sulla tessera (Ctrl-Z lo riprende)
reward-default = un caffè offerto
tier-1 = nuovo
tier-2 = amico
tier-3 = abituale
tier-4 = di famiglia
tier-n = livello { $rank }
tier-line = { $stars } { $tier }
stamps-line = Timbri { $dots } { $stamps }/{ $per_reward }
reward-ready = ★ { $count ->
    [one] Premio pronto
   *[other] { $count } premi pronti
}: { $reward } (r)
reward-ready-cli = ★ { $count ->
    [one] Premio pronto
   *[other] { $count } premi pronti
}: { $reward } (regulars redeem { $id })
reward-given = Premio a { $name }: { $reward }. { $ready ->
    [0] Timbri { $stamps }/{ $per_reward }.
    [one] Ce n'è un altro pronto.
   *[other] Ce ne sono altri { $ready } pronti.
}
visit-logged-new-tier = Visita registrata per { $name }. Nuovo livello: { $tier }!
no-one-lapsed = Nessun abituale è fuori dal suo ritmo.
config-no-file = Non c'è un file delle impostazioni in { $path }: valgono quelle predefinite (regulars config show le mostra).
config-file-fine = Il file delle impostazioni { $path } va bene.
usual = Prende di solito:
timeline-consent = Consenso
consent-given = { $channel } dato il { $date }
consent-withdrawn = { $channel } revocato il { $date }
channel-sms = SMS
channel-email = email
channel-phone = telefono
channel-post = posta
consent-source-default = chiesto al banco
consent-label = Contattabile via
no-consent = Nessun consenso a essere contattato
no-consent-short = Nessun consenso
bad-channel = "{ $word }" non è un canale: usa sms, email, telefono o posta.
bad-consent-answer = "{ $word }" non è né sì (consenso dato) né no (revocato).
consent-in-the-future = Un consenso non può avere la data { $date }, dopo oggi.
field-consent = Consenso
hint-consent = Spazio spunta
field-referrer = Consigliato da
hint-referrer = chi? scrivi qualche lettera del nome
referrer-pick = → { $name }{ $count ->
    [1] {""}
   *[other] {"  "}({ $n } di { $count }: ↑ ↓)
}
referrer-none = nessun altro cliente ha queste lettere nel nome
referrer-searching = Controlla chi ha consigliato il cliente, sotto il campo, poi di nuovo Invio per salvare.
referred-by = Su consiglio di { $name }
brought = Ha portato { $count ->
    [one] 1 persona
   *[other] { $count } persone
}
months-label = Visite in 12 mesi
rhythm-line = { $rhythm ->
    [one] Di solito ogni giorno
   *[other] Di solito ogni { $rhythm } giorni
}
lapsed-line = ! Perso di vista: assente da { $days } giorni

## Il polso del negozio (Ctrl-P, e regulars pulse)
pulse-title = Il polso del negozio, { $date }
pulse-tiers = Clienti per livello ({ $count })
pulse-regulars = Abituali e il loro ritmo ({ $count })
pulse-within = nel loro ritmo
pulse-due = un po' in ritardo
pulse-lapsed = persi di vista
pulse-months = Visite al mese
pulse-returning = di ritorno
pulse-new = nuove
bar-pulse = polso
help-pulse = Mostra il polso del negozio: livelli, visite al mese, abituali e il loro ritmo
help-pulse-close = Chiudi il polso (anche Ctrl-P)
mode-pulse = Il polso del negozio
cli-pulse = Mostra il polso del negozio: clienti per livello, visite nuove e di ritorno per mese, e gli abituali nel loro ritmo, un po' in ritardo o persi di vista
cli-pulse-json = Stampalo in JSON: livelli, mesi (visite nuove e di ritorno) e abituali (nel ritmo, oltre, persi di vista)
pulse-month-line = { $month }  { $returning } di ritorno, { $new ->
    [one] 1 nuova
   *[other] { $new } nuove
}
month-short = { $n ->
    [1] gen
    [2] feb
    [3] mar
    [4] apr
    [5] mag
    [6] giu
    [7] lug
    [8] ago
    [9] set
    [10] ott
    [11] nov
   *[12] dic
}

## regulars import
import-not-utf8 = Il file non è testo UTF-8 dalla riga { $line } in poi: salvalo dal foglio di calcolo come "CSV UTF-8".
import-empty = Il file è vuoto: serve una riga di intestazione (nome, telefono, email…) e una riga per cliente.
import-no-name-column = Nessuna colonna dà il nome dei clienti: l'intestazione deve avere nome, cognome, name, first name o last name.
import-problem-in = riga { $line }, { $column }: { $reason }
import-problem = riga { $line }: { $reason }
import-too-many-cells = ha { $cells } celle, e l'intestazione { $headers }.
import-unclosed-quote = le virgolette (") aprono una cella alla riga { $line } e non si chiudono mai, così il resto del file finirebbe in quella cella: chiudile, o scrivi due volte le virgolette nel testo ("").
import-same-as-customer = è la stessa persona di { $name }, già cliente (--on-duplicate skip o merge per importare il resto)
import-same-under-another-id = è la stessa persona di { $name }, già cliente con un altro id (per telefono, email, o nome e compleanno): l'unione riguarda i record di uno stesso id, quindi --on-duplicate skip la lascia fuori e importa il resto
import-same-under-another-id-refused = è la stessa persona di { $name }, già cliente con un altro id (per telefono, email, o nome e compleanno) (--on-duplicate skip per importare il resto)
import-phone-scientific = "{ $cell }" è un numero che il foglio di calcolo ha scritto in notazione scientifica, e le ultime cifre del telefono sono perse: imposta la colonna come testo, riscrivi i numeri ed esporta di nuovo il file.
import-skipped-customer = già cliente, { $name }: saltata
import-skipped-line = è la stessa persona della riga { $line }: saltata
import-into-customer = { $name }, già cliente
import-into-line = la riga { $line }
import-merged = unita con { $into }
import-merged-kept = unita con { $into }; non preso (il cliente tiene il suo): { $columns }
import-nothing-new-customer = niente di nuovo per { $into }: saltato
import-nothing-new = niente di nuovo per { $into }: saltata
import-nothing-new-kept = niente di nuovo per { $into }: saltata; non preso (il cliente tiene il suo): { $columns }
import-notices-more = … e altre { $count } (--dry-run le elenca tutte).
import-same-as-line = è la stessa persona della riga { $line } (--on-duplicate skip o merge per importare il resto)
import-refused = { $rows ->
    [one] 1 riga ha un errore: non è stato importato nulla.
   *[other] { $rows } righe hanno errori: non è stato importato nulla.
}
import-refused-duplicates = { $rows ->
    [one] 1 riga ripete una persona già presente (nell'archivio o prima nel file), e --on-duplicate error la rifiuta: non è stato importato nulla.
   *[other] { $rows } righe ripetono persone già presenti (nell'archivio o prima nel file), e --on-duplicate error le rifiuta: non è stato importato nulla.
}
import-refused-duplicate-customers = { $customers ->
    [one] 1 cliente del file è già presente, e --on-duplicate error lo rifiuta: non è stato importato nulla.
   *[other] { $customers } clienti del file sono già presenti, e --on-duplicate error li rifiuta: non è stato importato nulla.
}
import-refused-merge-other-ids = { $customers ->
    [one] 1 cliente del file è già presente con un altro id, e l'unione riguarda i record di uno stesso id: non è stato importato nulla (--on-duplicate skip li lascia fuori e importa il resto).
   *[other] { $customers } clienti del file sono già presenti con altri id, e l'unione riguarda i record di uno stesso id: non è stato importato nulla (--on-duplicate skip li lascia fuori e importa il resto).
}
import-refused-customers = { $customers ->
    [one] 1 cliente del file ha un errore: non è stato importato nulla.
   *[other] { $customers } clienti del file hanno errori: non è stato importato nulla.
}
import-done = { $added ->
    [one] Importato 1 cliente
   *[other] Importati { $added } clienti
} in { $store }{ $skipped ->
    [0] {""}
    [one] ; 1 già presente saltato
   *[other] ; { $skipped } già presenti saltati
}{ $merged ->
    [0] {""}
    [one] ; 1 unito a un cliente già presente
   *[other] ; { $merged } uniti a clienti già presenti
}.
import-progress = importazione: { $done } di { $total } clienti scritti…
import-dry-run = { $added ->
    [one] Verrebbe importato 1 cliente
   *[other] Verrebbero importati { $added } clienti
}{ $skipped ->
    [0] {""}
    [one] ; 1 già presente verrebbe saltato
   *[other] ; { $skipped } già presenti verrebbero saltati
}{ $merged ->
    [0] {""}
    [one] ; 1 verrebbe unito a un cliente già presente
   *[other] ; { $merged } verrebbero uniti a clienti già presenti
}. Non è stato scritto nulla (--dry-run).
import-unused = Colonne non lette (la postazione non ha un campo per queste): { $columns }
import-unknown-format = "{ $word }" non è un formato: usa csv, vcf, json o abook.
export-unknown-format = "{ $word }" non è un formato di esportazione: usa csv, vcf o json.
import-bad-on-duplicate = "{ $word }" non è una scelta per --on-duplicate: usa skip, merge o error.
cannot-read = Non riesco a leggere { $path }: { $why }.
cli-import = Importa clienti dal CSV di un foglio di calcolo (in italiano o in inglese), da vCard (un file, o una cartella come la tiene khard), dall'addressbook di abook o dal JSON della postazione; ogni riga è controllata prima, e con un errore qualsiasi non si scrive nulla
cli-import-file = Il file da importare (o una cartella di file .vcf)
cli-import-format = Il suo formato: csv, vcf, abook o json (se non è dato, dedotto dal nome del file o dai suoi primi byte)
cli-import-dry_run = Controlla il file e di' cosa verrebbe importato, senza scrivere nulla
cli-import-on_duplicate = Una riga che è già un cliente (stesso telefono, email, o nome e compleanno): saltala (il predefinito), unisci quel che aggiunge, o dai errore
cli-value-format = FORMATO
cli-value-choice = skip|merge|error
referrer-match = { $name }, dal { $since }
referrer-pick-more = → { $name }  ({ $n } di { $count }: scrivi altro)
key-left-right-space = ← → Spazio
help-form-referrer = Scegli in "Consigliato da" tra i clienti che hanno quelle lettere
help-form-consent = Sposta il cursore tra le caselle di "Consenso", spunta o togli la spunta
help-form-choice = Cambia una scelta o un sì/no (il tipo di nota, in evidenza)
pulse-months-range = Visite al mese, { $from } – { $to } ({ $month } finora)
cli-export-format = csv: tutti i clienti, con le intestazioni che import legge; vcf: tutti i clienti come vCard 4.0, per un telefono o una rubrica; json: tutto l'archivio, ogni registrazione, come import la rilegge
completions-bad-shell = "{ $word }" non è una shell per cui ci siano i completamenti: usa bash, zsh o fish.
cli-completions = Stampa lo script di completamento per una shell (bash, zsh o fish); il README dice come installarlo
cli-completions-shell = La shell: bash, zsh o fish
cli-value-shell = SHELL
cli-man = Stampa la pagina del manuale (leggila con: regulars man | man -l -)
abook-empty = In questo file non c'è nessun contatto: un file di abook ha una sezione [0], [1]… per contatto.
abook-not-a-field = "{ $line }" non è un campo (chiave=valore) di un contatto di abook
vcard-empty = In questo file non c'è nessuna scheda: una vCard comincia con BEGIN:VCARD.
vcard-no-end = il file finisce dentro questa scheda, prima del suo END:VCARD (è stato troncato?)
vcard-not-a-property = "{ $line }" non è una proprietà (NOME:valore) di una vCard
vdir-empty = In { $path } non c'è nessun file .vcf.
import-problem-customer = cliente { $n }: { $reason }
import-problem-customer-in = cliente { $n }, { $column }: { $reason }
dump-bad-value = La riga { $line }, colonna { $column } del file ha un valore che la postazione non sa leggere ({ $detail }): non è stato importato nulla.
dump-not-kept = "{ $value }" non è un valore che la postazione conserva: niente valori vuoti, spazi intorno, né , o ; in un telefono o un'etichetta.
dump-bad-cents = { $cents } non è un importo in centesimi che la postazione conserva: da 0 a { $max }.
dump-referrer-self = Un cliente non può essere presentato da sé stesso.
dump-unreadable = Il file non è il JSON della postazione ({ $detail }).
dump-other-shape = Il file dice di essere "{ $format }" versione { $version }; questa postazione legge "regulars-store" versione 1.
dump-no-such-record = nomina { $id }, che nel file non c'è.
dump-no-such-customer = nomina { $id }, che non è né nel file né nell'archivio.
dump-bad-id = "{ $text }" non è un id.
dump-twice = l'id { $id } è nel file due volte.
dump-bad-word = "{ $word }" non è una parola che la postazione conosce qui.

# Sync: più casse attraverso un hub PostgreSQL.
sync-no-hub = Nessun hub di sincronizzazione impostato: scrivi la sua stringa di connessione PostgreSQL come url sotto [sync] nel file delle impostazioni (regulars config path), oppure imposta REGULARS_SYNC_URL.
sync-bad-url = La stringa di connessione dell'hub di sincronizzazione non si legge ({ $reason }); vedi url sotto [sync] nel file delle impostazioni (regulars config path).
sync-bad-url-env = La stringa di connessione dell'hub di sincronizzazione in REGULARS_SYNC_URL non si legge ({ $reason }).
config-sync-url = non è una stringa di connessione PostgreSQL ({ $reason })
sync-url-scheme = comincia con { $scheme }://, e una stringa di connessione PostgreSQL comincia con postgresql://, come postgresql://utente@host:porta/database
sync-url-no-value = "{ $key }" non ha un valore: scrivi { $key }=…, oppure tutto come postgresql://utente@host/database
sync-url-no-quote = il valore di { $key } non ha la virgoletta di chiusura
sync-url-unreadable = scrivila come postgresql://utente@host:porta/database, oppure come host=… dbname=…
sync-url-port = la porta "{ $port }" non è un numero da 1 a 65535 (quella di PostgreSQL è 5432)
sync-url-no-host = non dice l'host: scrivila come postgresql://utente@host:porta/database (l'host è il computer dell'hub, 127.0.0.1 per questo)
sync-url-sslmode = sslmode "{ $mode }" non è nessuno tra disable, allow, prefer, require, verify-ca, verify-full
sync-tls-root = sslrootcert { $file } non si legge come certificati (PEM): { $reason }
sync-tls-root-missing = il file non esiste
sync-tls-root-empty = non contiene nessun certificato
sync-tls-no-bundle = questo sistema non ha un elenco di certificati fidati: indica quello dell'hub con sslrootcert=FILE
config-till-name = deve avere al massimo 40 caratteri, su una riga
config-password-readable = contiene la password dell'hub di sincronizzazione e altri possono leggerlo: rendilo leggibile solo dal proprietario (chmod 600), oppure tieni la password in ~/.pgpass
sync-unreachable = L'hub di sincronizzazione { $place } non è raggiungibile ({ $reason }). Tutto resta salvato qui e viene inviato alla prossima sincronizzazione.
sync-refused-short = Sincronizzazione rifiutata dall'hub: { $reason }.
sync-hub-error = L'hub di sincronizzazione { $place } ha rifiutato la sincronizzazione: { $reason }. Qui non si è perso nulla.
forget-travels-desk = Le altre casse lo dimenticano anche loro appena questa cassa si è sincronizzata.
forget-travels = Le altre casse li dimenticano anche loro appena questa cassa si è sincronizzata (la postazione lo fa in un attimo; altrimenti regulars sync).
config-url-from-env = [sync] url qui sotto è { $var }, che è impostata e vale sopra il file
undo-overtaken = Niente da annullare: quello che la modifica aveva cambiato per { $name } è stato cambiato di nuovo, qui o in un'altra cassa.
customer-in-use-named = { $name } ha già visite o note, quindi non si può togliere.
sync-no-password = chiede una password e non ne è stata data nessuna (scrivila nella URL, in PGPASSWORD o in ~/.pgpass)
sync-untrusted = L'hub di sincronizzazione { $place } non è affidabile: { $reason }. Non gli è stato inviato nulla; tutto resta salvato qui.
sync-untrusted-short = Hub di sincronizzazione non affidabile: { $reason }.
sync-tls-untrusted = il suo certificato non è firmato da un'autorità di cui questa cassa si fida, vedi sslrootcert
sync-tls-wrong-name = il suo certificato non è stato emesso per il nome { $host }: collegati con il nome del certificato, oppure usa sslmode=verify-ca
sync-tls-expired = il suo certificato è scaduto o non è ancora valido
sync-tls-not-offered = non offre TLS, che lo sslmode della sua stringa di connessione chiede (require, verify-ca o verify-full)
sync-hub-too-new = L'hub di sincronizzazione { $place } ha lo schema alla versione { $found }, più recente di quella che questa postazione conosce ({ $supported }): aggiorna la postazione prima di sincronizzare ancora.
sync-unreadable-row = L'hub di sincronizzazione { $place } contiene un dato che questa postazione non sa leggere (modifica { $seq }: { $detail }); la sincronizzazione si è fermata lì. Aggiorna la postazione.
sync-done = Sincronizzato con { $place }: { $pushed ->
    [one] 1 dato inviato
   *[other] { $pushed } dati inviati
}, { $changed ->
    [one] 1 ricevuto
   *[other] { $changed } ricevuti
}.
sync-unsent-all = Tutto ciò che questa cassa contiene viene inviato all'hub di sincronizzazione al prossimo giro (il prossimo avvio della cassa con l'hub raggiungibile, o regulars sync).
sync-unsent-at-close = { $count ->
    [one] 1 dato scritto qui non è ancora arrivato all'hub di sincronizzazione: è salvato qui e parte
   *[other] { $count } dati scritti qui non sono ancora arrivati all'hub di sincronizzazione: sono salvati qui e partono
} al prossimo avvio della cassa con l'hub raggiungibile, o con regulars sync.
sync-store-in-use = L'archivio in { $path } è aperto in una postazione di regulars (o in un altro comando): una postazione aperta si sincronizza da sola con l'hub, e `regulars sync` serve quando non ce n'è nessuna aperta.
sync-net-refused = nessuno risponde su quella porta: PostgreSQL è in funzione lì, e la porta è giusta?
sync-net-timed-out = non ha risposto in tempo
sync-net-unreachable = la rete non lo raggiunge
sync-net-cut = la connessione si è interrotta
sync-net-unknown-name = la rete non conosce nessun computer di nome { $host }: il nome è giusto, e questa cassa è in rete?
sync-already-there = { $count ->
    [one] 1 di questi era
   *[other] { $count } di questi erano
} già sull'hub.
sync-left-out = { $count ->
    [one] 1 dato è stato lasciato fuori
   *[other] { $count } dati sono stati lasciati fuori
}: il loro cliente qui è stato dimenticato.
sync-status-till = Questa cassa: { $till } (id di sincronizzazione { $id })
sync-status-till-new = Questa cassa: { $till }
sync-status-not-yet = Questa cassa non si è ancora sincronizzata: tutto quello che ha viene inviato al primo giro.
sync-status-hub = Hub: { $place }
sync-status-cursor = Preso dall'hub: fino alla modifica { $cursor }
sync-status-waiting = In attesa di invio: { $count }
sync-status-contact = Ultimo contatto con l'hub: { $when }
sync-status-never = Ultimo contatto con l'hub: mai
sync-synced = sincronizzato
sync-offline = { $waiting ->
    [0] non in linea dalle { $since }
   *[other] non in linea dalle { $since } — { $waiting } in attesa
}
sync-forgotten = { $count ->
    [one] 1 cliente dimenticato in un'altra cassa è stato dimenticato anche qui.
   *[other] { $count } clienti dimenticati in un'altra cassa sono stati dimenticati anche qui.
}
sync-connecting = connessione…
sync-sending = invio in corso…
sync-no-answer = nessuna risposta in { $seconds } secondi
sync-went-back = L'hub di sincronizzazione era tornato indietro (ripristinato da una copia precedente, o un database nuovo): questa cassa gli ha rimandato tutto ciò che ha e ha ripreso tutto ciò che c'è sull'hub. Niente è andato perso né è stato doppiato.
sync-went-back-short = L'hub era tornato indietro (ripristinato o sostituito): gli rimando tutto.
sync-went-back-again = è tornato indietro di nuovo mentre questa cassa ripartiva da capo con lui; la prossima sincronizzazione riprova
