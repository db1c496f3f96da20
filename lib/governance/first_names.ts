/**
 * Common given names (English-speaking and western European countries), lower case, for
 * {@linkcode detectPersonalData}. Chosen from the most frequent given names in UK, US, Irish,
 * French, German, Spanish, Italian and Dutch birth registers; nicknames (Tom, Jane) included; a name alone proves nothing, so the
 * detector also requires the whole value to look like "Given Family".
 *
 * @module
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  (
    "james john robert michael william david richard joseph thomas charles christopher daniel " +
    "matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy " +
    "ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin " +
    "scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry " +
    "tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy " +
    "christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse " +
    "jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy " +
    "vincent ralph eugene russell bobby mason philip louis harry oliver charlie oscar leo " +
    "alfie freddie archie theo finley isaac liam lucas luke callum connor declan ciaran " +
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty " +
    "margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah " +
    "stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma " +
    "nicole helen samantha katherine christine debra rachel carolyn janet catherine maria " +
    "heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan " +
    "evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara " +
    "madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris " +
    "marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla " +
    "alexis lori amelia isla ava mia ella poppy lily sophie chloe jessica ruby freya evie " +
    "niamh aoife siobhan sinead ciara orla " +
    "jean pierre michel philippe alain nicolas francois jacques sebastien julien thomas " +
    "camille manon chloe ines lea juliette nathalie isabelle sylvie valerie sandrine " +
    "hans peter klaus jurgen wolfgang michael stefan andreas thomas uwe frank markus lukas " +
    "leon finn jonas felix maximilian ursula monika petra sabine claudia anja katrin lena " +
    "jose antonio manuel francisco javier carlos miguel pedro alejandro pablo carmen lucia " +
    "marco giuseppe giovanni luca francesco alessandro matteo lorenzo giulia chiara francesca " +
    "jan pieter johannes willem kees daan sem bram anouk sanne lotte femke " +
    "jane rose kate katie tom tony sam ben dan danny nick will tim jim mike dave steve chris " +
    "matt andy pete rob bob bill fred ted ken jon ron alex max sue liz beth meg jenny annie " +
    "lucy molly holly emily jade zoe eve eva ellie grace"
  ).split(/\s+/),
);
